import type { MaestroEvent } from '@maestro/schemas';
import { maestroEvent } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, expectCode, newProject, rowCounts, unique } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const label = (e: MaestroEvent) => (e.type === 'task:updated' ? `${e.type}(${e.payload.action})` : e.type);

describe('events written by mutations', () => {
  test('a scripted session writes exactly its events, in order, each valid against the schema', async () => {
    const p = await newProject(h);
    const a = await h.caller.task.create({ projectId: p.id, title: 'a' });
    const b = await h.caller.task.create({ projectId: p.id, title: 'b', dependsOn: [a.id] });
    await h.caller.task.update({ id: a.id, title: 'a2' });
    const s = await h.caller.subtask.create({ taskId: a.id, title: 's' });
    await h.caller.subtask.update({ taskId: a.id, subtaskId: s.id, title: 's2' });
    await h.caller.task.dependency.remove({ id: b.id, dependsOnId: a.id });
    await h.caller.task.dependency.add({ id: a.id, dependsOnId: b.id });
    await h.caller.task.comment({ id: b.id, body: 'note' });
    await h.caller.subtask.delete({ taskId: a.id, subtaskId: s.id });
    await h.caller.task.delete({ id: a.id });
    await h.caller.project.update({ id: p.id, description: 'x' });
    await h.caller.task.delete({ id: b.id });
    await h.caller.project.delete({ id: p.id });

    const events = await allEvents(h, { projectId: p.id });
    expect(events.map(label)).toEqual([
      'project:created',
      'task:created',
      'task:created',
      'task:dependency_added',
      'task:updated(update)',
      'subtask:created',
      'task:updated(subtask_created)',
      'task:updated(update)',
      'subtask:updated',
      'task:updated(subtask_updated)',
      'task:dependency_removed',
      'task:dependency_added',
      'task:commented',
      'task:deleted',
      'subtask:deleted',
      'task:updated(subtask_deleted)',
      'task:deleted',
      'project:updated',
      'task:deleted',
      'project:deleted',
    ]);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    for (const e of events) {
      expect(maestroEvent.safeParse(e).success, JSON.stringify(e)).toBe(true);
      expect(e).toMatchObject({ projectId: p.id, actor: 'user', sessionId: null });
    }
    expect(events[1]).toMatchObject({ taskId: a.id, payload: { task: a } });
    expect(events[3]!.payload).toEqual({ taskId: b.id, dependsOnId: a.id });
  });

  test('events of a session-scoped caller carry its session id as actor', async () => {
    const p = await newProject(h);
    const agent = h.callerFor({ kind: 'session', sessionId: 'ses_abcdefghij', projectId: p.id });
    const t = await agent.task.create({ projectId: p.id, title: 'by agent' });
    const [ev] = await allEvents(h, { taskId: t.id });
    expect(ev!.actor).toBe('ses_abcdefghij');
  });
});

describe('a failed mutation writes nothing', () => {
  test('task.create with one unknown dependsOn id leaves no task and no event', async () => {
    const p = await newProject(h);
    const ok = await h.caller.task.create({ projectId: p.id, title: 'ok' });
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.task.create({ projectId: p.id, title: 'half', dependsOn: [ok.id, 'tsk_0000000000'] }), 'NOT_FOUND');
    expect(body.message).toContain('tsk_0000000000');
    expect(await rowCounts(h)).toEqual(before);
    expect((await h.caller.task.list({ projectId: p.id, text: 'half' })).total).toBe(0);
    expect((await allEvents(h, { projectId: p.id })).map((e) => e.type)).toEqual(['project:created', 'task:created']);
  });

  test('refused transitions, conflicts and cycles leave rows and events untouched', async () => {
    const p = await newProject(h);
    const a = await h.caller.task.create({ projectId: p.id, title: 'a' });
    const b = await h.caller.task.create({ projectId: p.id, title: 'b', dependsOn: [a.id] });
    await h.caller.subtask.create({ taskId: a.id, title: 'child' });
    const before = await rowCounts(h);
    await expectCode(h.caller.task.dependency.add({ id: a.id, dependsOnId: b.id }), 'CYCLE');
    await expectCode(h.caller.task.complete({ id: a.id }), 'CHILDREN_INCOMPLETE');
    await expectCode(h.caller.task.start({ id: b.id }), 'DEPENDENCIES_INCOMPLETE');
    await expectCode(h.caller.task.update({ id: a.id, title: 'x', expectedVersion: 99 }), 'VERSION_CONFLICT');
    await expectCode(h.caller.task.delete({ id: a.id }), 'HAS_CHILDREN');
    await expectCode(h.caller.project.delete({ id: p.id }), 'HAS_CHILDREN');
    await expectCode(h.caller.project.create({ name: p.name, workingDir: '/tmp' }), 'ALREADY_EXISTS');
    expect(await rowCounts(h)).toEqual(before);
  });

  test('the bus publishes committed events only', async () => {
    const p = await newProject(h);
    const seen: MaestroEvent[] = [];
    const unsubscribe = h.bus.subscribe((e) => {
      // project:created may still be on its way from before the subscription.
      if (e.projectId === p.id && e.type !== 'project:created') seen.push(e);
    });
    try {
      await expectCode(h.caller.task.create({ projectId: p.id, title: 'no', dependsOn: ['tsk_0000000000'] }), 'NOT_FOUND');
      const t = await h.caller.task.create({ projectId: p.id, title: 'yes' });
      await vi.waitFor(() => expect(seen.map((e) => e.type)).toEqual(['task:created']), { timeout: 5_000 });
      expect(seen[0]!.taskId).toBe(t.id);
    } finally {
      unsubscribe();
    }
  });
});

describe('events.list', () => {
  let p1: string;
  let t1: string;
  beforeAll(async () => {
    p1 = (await newProject(h, unique('ev1'))).id;
    const p2 = (await newProject(h, unique('ev2'))).id;
    t1 = (await h.caller.task.create({ projectId: p1, title: 't1' })).id;
    const t2 = (await h.caller.task.create({ projectId: p1, title: 't2' })).id;
    await h.caller.task.create({ projectId: p2, title: 'other' });
    for (let i = 0; i < 5; i++) await h.caller.task.update({ id: t1, title: `t1 v${i}` });
    await h.caller.task.start({ id: t2 });
    await h.caller.task.block({ id: t1, reason: 'r' });
  });

  test('filters by projectId, taskId and types', async () => {
    const byProject = await allEvents(h, { projectId: p1 });
    expect(byProject.every((e) => e.projectId === p1)).toBe(true);
    expect(byProject).toHaveLength(10);
    const byTask = await allEvents(h, { taskId: t1 });
    expect(byTask.every((e) => e.taskId === t1)).toBe(true);
    expect(byTask.map(label)).toEqual(['task:created', ...Array(5).fill('task:updated(update)'), 'task:updated(block)']);
    const created = await allEvents(h, { projectId: p1, types: ['task:created', 'project:created'] });
    expect(created.map((e) => e.type)).toEqual(['project:created', 'task:created', 'task:created']);
    expect(await allEvents(h, { taskId: t1, types: ['task:deleted'] })).toEqual([]);
    const all = await allEvents(h, {});
    expect(all.length).toBeGreaterThan(byProject.length);
  });

  test('pages with afterId/nextAfterId without duplicates or gaps', async () => {
    const everything = (await h.caller.events.list({ projectId: p1, limit: 500 })).items;
    expect(everything).toHaveLength(10);
    const seen: number[] = [];
    let afterId: number | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await h.caller.events.list({ projectId: p1, afterId, limit: 3 });
      expect(page.items.length).toBeLessThanOrEqual(3);
      for (const e of page.items) if (afterId !== undefined) expect(e.id).toBeGreaterThan(afterId);
      seen.push(...page.items.map((e) => e.id));
      if (page.nextAfterId === null) break;
      expect(page.nextAfterId).toBe(page.items.at(-1)!.id);
      afterId = page.nextAfterId;
    }
    expect(seen).toEqual(everything.map((e) => e.id));
  });

  test('afterId is exclusive and a page past the end is empty', async () => {
    const everything = (await h.caller.events.list({ projectId: p1 })).items;
    const from = everything[4]!.id;
    const rest = await h.caller.events.list({ projectId: p1, afterId: from });
    expect(rest.items.map((e) => e.id)).toEqual(everything.slice(5).map((e) => e.id));
    expect(rest.nextAfterId).toBeNull();
    expect(await h.caller.events.list({ projectId: p1, afterId: everything.at(-1)!.id })).toEqual({ items: [], nextAfterId: null });
  });
});
