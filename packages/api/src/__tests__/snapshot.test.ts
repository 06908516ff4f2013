import type { MaestroEvent } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, expectCode, newProject } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const lastId = (events: MaestroEvent[]) => String(events.at(-1)?.id ?? 0);

/** Every event a subscriber starting from `asOfEventId` would be sent first (the backfill reads the same table). */
const after = (projectId: string, asOfEventId: string) => h.caller.events.list({ projectId, afterId: Number(asOfEventId), limit: 500 });

describe('asOfEventId: where a list stands in the event log', () => {
  test('task.list and status.get are as of the project’s newest event; later changes follow it', async () => {
    const p = await newProject(h);
    const a = await h.caller.task.create({ projectId: p.id, title: 'a' });
    const other = await newProject(h);
    await h.caller.task.create({ projectId: other.id, title: 'elsewhere' });

    const page = await h.caller.task.list({ projectId: p.id });
    expect(page.asOfEventId).toBe(lastId(await allEvents(h, { projectId: p.id })));
    expect((await h.caller.status.get({ projectId: p.id })).asOfEventId).toBe(page.asOfEventId);
    expect((await after(p.id, page.asOfEventId)).items).toEqual([]);

    await h.caller.task.update({ id: a.id, title: 'a2' });
    const missed = (await after(p.id, page.asOfEventId)).items;
    expect(missed.map((e) => [e.type, e.taskId])).toEqual([['task:updated', a.id]]);
    expect((await h.caller.task.list({ projectId: p.id })).asOfEventId).toBe(String(missed[0]!.id));
  });

  test('project.list is as of the whole log for the server token, of its own project for a session token', async () => {
    const p = await newProject(h);
    const task = await h.caller.task.create({ projectId: p.id, title: 'a' });
    const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
    const other = await newProject(h);
    await h.caller.task.create({ projectId: other.id, title: 'later, elsewhere' });

    const all = await h.caller.project.list();
    expect(all.asOfEventId).toBe(String((await h.caller.events.head({})).lastEventId));
    expect(all.items.map((x) => x.id)).toEqual(expect.arrayContaining([p.id, other.id]));

    const agent = h.callerFor({ kind: 'session', sessionId: session.id, projectId: p.id });
    const own = await agent.project.list();
    expect(own.items.map((x) => x.id)).toEqual([p.id]);
    expect(own.asOfEventId).toBe(lastId(await allEvents(h, { projectId: p.id })));
    expect(Number(own.asOfEventId)).toBeLessThan(Number(all.asOfEventId));
    expect((await agent.task.list({ projectId: p.id })).asOfEventId).toBe(own.asOfEventId);
    expect((await agent.session.list({ projectId: p.id })).asOfEventId).toBe(own.asOfEventId);
    // Even without naming the project (a task id scopes the call), a session learns only its project's head.
    expect((await agent.session.list({ taskId: task.id })).asOfEventId).toBe(own.asOfEventId);
  });

  test('the head is read before the rows: no change at or below asOfEventId is missing from a page read during writes', async () => {
    const p = await newProject(h);
    const ids = await Promise.all(['a', 'b', 'c'].map(async (title) => (await h.caller.task.create({ projectId: p.id, title })).id));
    const writes = (async () => {
      for (let i = 0; i < 30; i++) await h.caller.task.update({ id: ids[i % 3]!, title: `v${i}` });
      for (let i = 0; i < 5; i++) await h.caller.task.create({ projectId: p.id, title: `new ${i}` });
    })();
    const pages = [];
    for (let i = 0; i < 25; i++) pages.push(await h.caller.task.list({ projectId: p.id }));
    await writes;

    const events = await allEvents(h, { projectId: p.id });
    for (const page of pages) {
      const versions = new Map(page.items.map((t) => [t.id, t.version]));
      for (const e of events) {
        if (e.id > Number(page.asOfEventId)) break;
        if (e.type !== 'task:created' && e.type !== 'task:updated') continue;
        const seen = versions.get(e.payload.task.id);
        expect(seen, `event ${e.id} (${e.type}) at or below asOfEventId ${page.asOfEventId} is missing from the page`).toBeDefined();
        expect(seen!).toBeGreaterThanOrEqual(e.payload.task.version);
      }
    }
  });
});

describe('session.list pages like task.list', () => {
  let projectId: string;
  let spawned: string[];
  beforeAll(async () => {
    projectId = (await newProject(h)).id;
    spawned = [];
    for (let i = 0; i < 5; i++) {
      const t = await h.caller.task.create({ projectId, title: `t${i}` });
      spawned.unshift((await h.caller.session.spawn({ taskIds: [t.id], agent: 'custom', command: 'true' })).id);
    }
  });

  test('items newest first, total, nextCursor until the last page', async () => {
    const first = await h.caller.session.list({ projectId, limit: 2 });
    expect(first).toMatchObject({ total: 5, nextCursor: '2' });
    expect(first.items.map((s) => s.id)).toEqual(spawned.slice(0, 2));
    const second = await h.caller.session.list({ projectId, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((s) => s.id)).toEqual(spawned.slice(2, 4));
    const last = await h.caller.session.list({ projectId, limit: 2, cursor: second.nextCursor! });
    expect(last).toMatchObject({ total: 5, nextCursor: null });
    expect(last.items.map((s) => s.id)).toEqual(spawned.slice(4));
    expect(first.asOfEventId).toBe(lastId(await allEvents(h, { projectId })));
  });

  test('filters hold on total; active with only ended statuses is an empty page; a bad cursor is VALIDATION', async () => {
    expect(await h.caller.session.list({ projectId, status: ['spawning'], limit: 1 })).toMatchObject({ total: 5, nextCursor: '1' });
    expect(await h.caller.session.list({ projectId, status: ['completed'] })).toMatchObject({ items: [], total: 0, nextCursor: null });
    expect(await h.caller.session.list({ projectId, active: true, status: ['failed'] })).toMatchObject({ items: [], total: 0, nextCursor: null });
    expect(await h.caller.session.list({ projectId, cursor: '99' })).toMatchObject({ items: [], total: 5, nextCursor: null });
    await expectCode(h.caller.session.list({ projectId, cursor: 'abc' }), 'VALIDATION');
  });
});
