import { TASK_STATUSES, TASK_TRANSITIONS, type TaskStatus } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, expectCode, newProject, rowCounts } from './helpers.js';

let h: Harness;
let projectId: string;
beforeAll(async () => {
  h = await createHarness();
  projectId = (await newProject(h)).id;
});
afterAll(async () => {
  await h?.close();
});

const newTask = (title = 'task') => h.caller.task.create({ projectId, title });

/** A fresh task brought to `status` through the API. */
async function taskIn(status: TaskStatus) {
  const t = await newTask(`in ${status}`);
  if (status === 'todo') return t;
  if (status === 'blocked') return h.caller.task.block({ id: t.id, reason: 'setup' });
  if (status === 'completed') return h.caller.task.complete({ id: t.id });
  if (status === 'cancelled') return h.caller.task.update({ id: t.id, status: 'cancelled' });
  await h.caller.task.start({ id: t.id });
  return status === 'in_review' ? h.caller.task.update({ id: t.id, status: 'in_review' }) : h.caller.task.get({ id: t.id });
}

/** Moves a task with the procedure meant for that target. */
function move(id: string, to: TaskStatus) {
  if (to === 'blocked') return h.caller.task.block({ id, reason: 'moved' });
  return h.caller.task.update({ id, status: to });
}

describe('state machine', () => {
  const cases = TASK_STATUSES.flatMap((from) => TASK_STATUSES.filter((to) => to !== from).map((to) => ({ from, to })));

  test.each(cases)('$from → $to follows TASK_TRANSITIONS', async ({ from, to }) => {
    const t = await taskIn(from);
    expect(t.status).toBe(from);
    const allowed = TASK_TRANSITIONS[from];
    if (allowed.includes(to)) {
      expect((await move(t.id, to)).status).toBe(to);
      return;
    }
    const before = await rowCounts(h);
    const { body } = await expectCode(move(t.id, to), 'INVALID_TRANSITION');
    expect(body.details).toEqual({ from, to, allowed: [...allowed] });
    for (const status of allowed) expect(body.hint).toContain(status);
    // The verb for that target is refused the same way.
    const verb = to === 'in_progress' ? h.caller.task.start : to === 'completed' ? h.caller.task.complete : null;
    if (verb) expect((await expectCode(verb({ id: t.id }), 'INVALID_TRANSITION')).body.details).toEqual(body.details);
    expect(await rowCounts(h)).toEqual(before);
    expect((await h.caller.task.get({ id: t.id })).status).toBe(from);
  });

  test('completed → blocked is refused through task.block', async () => {
    const t = await taskIn('completed');
    const { body } = await expectCode(h.caller.task.block({ id: t.id, reason: 'late' }), 'INVALID_TRANSITION');
    expect(body.details).toMatchObject({ from: 'completed', to: 'blocked', allowed: TASK_TRANSITIONS.completed });
  });

  test('cancelled → completed is refused through task.complete, and cancelled → in_progress through task.start', async () => {
    const t = await taskIn('cancelled');
    const { body } = await expectCode(h.caller.task.complete({ id: t.id }), 'INVALID_TRANSITION');
    expect(body.details).toMatchObject({ from: 'cancelled', to: 'completed', allowed: ['todo'] });
    expect(body.hint).toContain('todo');
    await expectCode(h.caller.task.start({ id: t.id }), 'INVALID_TRANSITION');
  });
});

describe('completion waits for dependencies', () => {
  const completable = TASK_STATUSES.filter((from) => TASK_TRANSITIONS[from].includes('completed'));
  type Path = 'task.complete' | 'task.update' | 'subtask.complete' | 'subtask.update';
  const paths: Path[] = ['task.complete', 'task.update', 'subtask.complete', 'subtask.update'];
  const cases = completable.flatMap((from) => paths.map((path) => ({ from, path })));

  function complete(path: Path, t: { id: string; parentId: string | null }) {
    if (path === 'task.complete') return h.caller.task.complete({ id: t.id });
    if (path === 'task.update') return h.caller.task.update({ id: t.id, status: 'completed' });
    const ids = { taskId: t.parentId!, subtaskId: t.id };
    return path === 'subtask.complete' ? h.caller.subtask.complete(ids) : h.caller.subtask.update({ ...ids, status: 'completed' });
  }

  test.each(cases)('$from → completed through $path is refused while a dependency is open', async ({ from, path }) => {
    const dep = await newTask('dependency');
    const parent = path.startsWith('subtask') ? await newTask('parent') : null;
    const t = parent ? await h.caller.subtask.create({ taskId: parent.id, title: `in ${from}` }) : await newTask(`in ${from}`);
    // Through the API a task reaches in_progress or in_review only with its dependencies done: this one gets it after.
    if (from !== 'todo') await h.caller.task.start({ id: t.id });
    if (from === 'in_review') await h.caller.task.update({ id: t.id, status: 'in_review' });
    await h.caller.task.dependency.add({ id: t.id, dependsOnId: dep.id });
    const before = await rowCounts(h);
    const { body } = await expectCode(complete(path, t), 'DEPENDENCIES_INCOMPLETE');
    expect((body.details as { waitingFor: { id: string }[] }).waitingFor.map((d) => d.id)).toEqual([dep.id]);
    expect(await rowCounts(h)).toEqual(before);
    expect((await h.caller.task.get({ id: t.id })).status).toBe(from);
    await h.caller.task.complete({ id: dep.id });
    expect((await complete(path, t)).status).toBe('completed');
  });

  test('a reopened dependency holds its dependent back again; in_review is allowed meanwhile', async () => {
    const dep = await h.caller.task.complete({ id: (await newTask('dependency')).id });
    const t = await h.caller.task.create({ projectId, title: 'waits', dependsOn: [dep.id] });
    await h.caller.task.start({ id: t.id });
    await h.caller.task.update({ id: dep.id, status: 'todo' });
    // Review releases no dependent, so it does not wait; the completion after it does.
    expect((await h.caller.task.update({ id: t.id, status: 'in_review' })).status).toBe('in_review');
    await expectCode(h.caller.task.complete({ id: t.id }), 'DEPENDENCIES_INCOMPLETE');
    const dependent = await h.caller.task.create({ projectId, title: 'after', dependsOn: [t.id] });
    expect((await h.caller.task.get({ id: dependent.id })).ready).toBe(false);
  });
});

describe('start, block, unblock, complete', () => {
  test('start moves todo to in_progress, sets startedAt and records action start', async () => {
    const t = await newTask();
    const s = await h.caller.task.start({ id: t.id });
    expect(s).toMatchObject({ status: 'in_progress', version: 2, assignee: null });
    expect(s.startedAt).not.toBeNull();
    const [ev] = await allEvents(h, { taskId: t.id, types: ['task:updated'] });
    expect(ev!.payload).toMatchObject({ action: 'start', changes: { status: { from: 'todo', to: 'in_progress' } } });
    // Starting a started task is a no-op, not an error.
    expect((await h.caller.task.start({ id: t.id })).version).toBe(2);
  });

  test('an agent that starts an unassigned task takes it', async () => {
    const t = await newTask();
    const agent = h.callerFor({ kind: 'session', sessionId: 'ses_0123456789', projectId });
    expect((await agent.task.start({ id: t.id })).assignee).toBe('ses_0123456789');
    const [ev] = await allEvents(h, { taskId: t.id, types: ['task:updated'] });
    expect(ev!.actor).toBe('ses_0123456789');
  });

  test('start is refused with DEPENDENCIES_INCOMPLETE while a dependency is open', async () => {
    const dep = await newTask('dep');
    const t = await h.caller.task.create({ projectId, title: 'waits', dependsOn: [dep.id] });
    const { body } = await expectCode(h.caller.task.start({ id: t.id }), 'DEPENDENCIES_INCOMPLETE');
    expect((body.details as { waitingFor: { id: string }[] }).waitingFor.map((d) => d.id)).toEqual([dep.id]);
    await h.caller.task.complete({ id: dep.id });
    expect((await h.caller.task.start({ id: t.id })).status).toBe('in_progress');
  });

  test('block stores the reason and puts it on the timeline; blocking again replaces it', async () => {
    const t = await newTask();
    const b = await h.caller.task.block({ id: t.id, reason: '  waiting on review  ' });
    expect(b).toMatchObject({ status: 'blocked', blockedReason: 'waiting on review' });
    const again = await h.caller.task.block({ id: t.id, reason: 'still waiting' });
    expect(again).toMatchObject({ status: 'blocked', blockedReason: 'still waiting' });
    const evs = await allEvents(h, { taskId: t.id, types: ['task:updated'] });
    expect(evs.map((e) => e.payload)).toMatchObject([
      { action: 'block', reason: 'waiting on review', changes: { status: { from: 'todo', to: 'blocked' } } },
      { action: 'block', reason: 'still waiting' },
    ]);
    const status = await h.caller.status.get({ projectId });
    expect(status.blocked).toContainEqual({ id: t.id, title: t.title, blockedReason: 'still waiting', assignee: null });
  });

  test('block requires a reason', async () => {
    const t = await newTask();
    await expectCode(h.caller.task.block({ id: t.id, reason: '' }), 'VALIDATION');
    await expectCode(h.caller.task.block({ id: t.id, reason: '   ' }), 'VALIDATION');
    await expectCode(h.caller.task.block({ id: t.id } as never), 'VALIDATION');
    expect((await h.caller.task.get({ id: t.id })).status).toBe('todo');
  });

  test('unblock returns a started task to in_progress and clears the reason', async () => {
    const t = await newTask();
    const started = await h.caller.task.start({ id: t.id });
    await h.caller.task.block({ id: t.id, reason: 'r' });
    const u = await h.caller.task.unblock({ id: t.id });
    expect(u).toMatchObject({ status: 'in_progress', blockedReason: null, startedAt: started.startedAt });
    const evs = await allEvents(h, { taskId: t.id, types: ['task:updated'] });
    expect(evs.at(-1)!.payload).toMatchObject({ action: 'unblock', changes: { status: { from: 'blocked', to: 'in_progress' } } });
  });

  test('unblock returns a never-started task to todo', async () => {
    const t = await newTask();
    await h.caller.task.block({ id: t.id, reason: 'r' });
    expect(await h.caller.task.unblock({ id: t.id })).toMatchObject({ status: 'todo', blockedReason: null, startedAt: null });
  });

  test('unblock of a task that is not blocked is INVALID_TRANSITION', async () => {
    const t = await newTask();
    await expectCode(h.caller.task.unblock({ id: t.id }), 'INVALID_TRANSITION');
  });

  test('complete is refused with CHILDREN_INCOMPLETE while a subtask is open', async () => {
    const t = await newTask('parent');
    const a = await h.caller.subtask.create({ taskId: t.id, title: 'a' });
    const b = await h.caller.subtask.create({ taskId: t.id, title: 'b' });
    const { body } = await expectCode(h.caller.task.complete({ id: t.id }), 'CHILDREN_INCOMPLETE');
    expect((body.details as { open: { id: string }[] }).open.map((s) => s.id)).toEqual([a.id, b.id]);
    await h.caller.subtask.complete({ taskId: t.id, subtaskId: a.id });
    await expectCode(h.caller.task.complete({ id: t.id }), 'CHILDREN_INCOMPLETE');
    await h.caller.subtask.update({ taskId: t.id, subtaskId: b.id, status: 'cancelled' });
    const done = await h.caller.task.complete({ id: t.id });
    expect(done.status).toBe('completed');
    expect(done.completedAt).not.toBeNull();
  });

  test('moving back to todo releases the assignee', async () => {
    const t = await newTask();
    await h.caller.task.claim({ projectId, id: t.id, claimant: 'carol' });
    expect(await h.caller.task.update({ id: t.id, status: 'todo' })).toMatchObject({ status: 'todo', assignee: null, startedAt: null });
  });

  test('lifecycle verbs on an unknown task are NOT_FOUND', async () => {
    const id = 'tsk_0000000000';
    await expectCode(h.caller.task.start({ id }), 'NOT_FOUND');
    await expectCode(h.caller.task.block({ id, reason: 'r' }), 'NOT_FOUND');
    await expectCode(h.caller.task.unblock({ id }), 'NOT_FOUND');
    await expectCode(h.caller.task.complete({ id }), 'NOT_FOUND');
  });
});
