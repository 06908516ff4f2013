import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, expectCode, newProject, rowCounts } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('task.claim with a given id', () => {
  test('claims a ready task: in_progress, assignee set, action claim on the timeline', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 't' });
    const c = await h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'alice' });
    expect(c).toMatchObject({ id: t.id, status: 'in_progress', assignee: 'alice', version: 2 });
    expect(c.startedAt).not.toBeNull();
    const [ev] = await allEvents(h, { taskId: t.id, types: ['task:updated'] });
    expect(ev!.payload).toMatchObject({
      action: 'claim',
      changes: { status: { from: 'todo', to: 'in_progress' }, assignee: { from: null, to: 'alice' } },
    });
  });

  test('claiming again by the same claimant returns the task unchanged', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 't' });
    const first = await h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'alice' });
    const before = await rowCounts(h);
    expect(await h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'alice' })).toEqual(first);
    expect(await rowCounts(h)).toEqual(before);
  });

  test('someone else’s task is ALREADY_CLAIMED, naming the holder', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 't' });
    await h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'alice' });
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'bob' }), 'ALREADY_CLAIMED');
    expect(body.details).toEqual({ assignee: 'alice', status: 'in_progress' });
    expect(await rowCounts(h)).toEqual(before);
    expect((await h.caller.task.get({ id: t.id })).assignee).toBe('alice');
  });

  test('a task with open dependencies is DEPENDENCIES_INCOMPLETE', async () => {
    const p = await newProject(h);
    const dep = await h.caller.task.create({ projectId: p.id, title: 'dep' });
    const t = await h.caller.task.create({ projectId: p.id, title: 't', dependsOn: [dep.id] });
    const { body } = await expectCode(h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'alice' }), 'DEPENDENCIES_INCOMPLETE');
    expect((body.details as { waitingFor: { id: string }[] }).waitingFor.map((d) => d.id)).toEqual([dep.id]);
    expect((await h.caller.task.get({ id: t.id })).status).toBe('todo');
    await h.caller.task.complete({ id: dep.id });
    expect((await h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'alice' })).assignee).toBe('alice');
  });

  test('a finished, unassigned task is INVALID_TRANSITION', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 't' });
    await h.caller.task.update({ id: t.id, status: 'cancelled' });
    await expectCode(h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'alice' }), 'INVALID_TRANSITION');
  });

  test('an unknown task, a task of another project, or an unknown project is NOT_FOUND', async () => {
    const p = await newProject(h);
    const q = await newProject(h);
    const t = await h.caller.task.create({ projectId: q.id, title: 'elsewhere' });
    await expectCode(h.caller.task.claim({ projectId: p.id, id: 'tsk_0000000000', claimant: 'a' }), 'NOT_FOUND');
    await expectCode(h.caller.task.claim({ projectId: p.id, id: t.id, claimant: 'a' }), 'NOT_FOUND');
    await expectCode(h.caller.task.claim({ projectId: 'prj_0000000000', claimant: 'a' }), 'NOT_FOUND');
    expect((await h.caller.task.get({ id: t.id })).status).toBe('todo');
  });
});

describe('task.claim without an id', () => {
  test('takes ready tasks by priority, then position; skips waiting, started and blocked ones', async () => {
    const p = await newProject(h);
    const mk = (title: string, priority: 'low' | 'medium' | 'high' | 'urgent', dependsOn: string[] = []) =>
      h.caller.task.create({ projectId: p.id, title, priority, dependsOn });
    const low = await mk('low', 'low');
    const med1 = await mk('med1', 'medium');
    const med2 = await mk('med2', 'medium');
    const blocked = await mk('blocked', 'urgent');
    await h.caller.task.block({ id: blocked.id, reason: 'r' });
    const started = await mk('started', 'urgent');
    await h.caller.task.start({ id: started.id });
    const waiting = await mk('waiting', 'urgent', [low.id]);
    const high = await mk('high', 'high');

    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await h.caller.task.claim({ projectId: p.id, claimant: `agent-${i}` })).id);
    expect(order).toEqual([high.id, med1.id, med2.id, low.id]);
    expect(order.includes(waiting.id)).toBe(false);

    // `low` is claimed but not completed, so `waiting` still waits and nothing is ready.
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.task.claim({ projectId: p.id, claimant: 'late' }), 'NOTHING_READY');
    expect(body.hint).toBeTruthy();
    expect(await rowCounts(h)).toEqual(before);

    await h.caller.task.complete({ id: low.id });
    expect((await h.caller.task.claim({ projectId: p.id, claimant: 'late' })).id).toBe(waiting.id);
  });

  test('an empty project is NOTHING_READY', async () => {
    const p = await newProject(h);
    await expectCode(h.caller.task.claim({ projectId: p.id, claimant: 'a' }), 'NOTHING_READY');
  });

  test('claims only within the given project', async () => {
    const p = await newProject(h);
    const q = await newProject(h);
    await h.caller.task.create({ projectId: q.id, title: 'q', priority: 'urgent' });
    const mine = await h.caller.task.create({ projectId: p.id, title: 'p', priority: 'low' });
    expect((await h.caller.task.claim({ projectId: p.id, claimant: 'a' })).id).toBe(mine.id);
    await expectCode(h.caller.task.claim({ projectId: p.id, claimant: 'a' }), 'NOTHING_READY');
  });

  test('a task released back to todo re-enters the queue', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 't' });
    await h.caller.task.claim({ projectId: p.id, claimant: 'a' });
    await h.caller.task.update({ id: t.id, status: 'todo' });
    expect(await h.caller.task.claim({ projectId: p.id, claimant: 'b' })).toMatchObject({ id: t.id, assignee: 'b' });
  });
});
