import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, newProject } from './helpers.js';

let h: Harness;
let projectId: string;
beforeAll(async () => {
  h = await createHarness();
  projectId = (await newProject(h)).id;
});
afterAll(async () => {
  await h?.close();
});

const spawn = (taskIds: string[], worktree?: boolean) =>
  h.caller.session.spawn({ taskIds, agent: 'custom', command: 'true', ...(worktree === undefined ? {} : { worktree }) });

describe('task worktree opt-in', () => {
  test('create stores it (default false) and get returns it', async () => {
    const plain = await h.caller.task.create({ projectId, title: 'plain' });
    const isolated = await h.caller.task.create({ projectId, title: 'isolated', worktree: true });
    expect(plain.worktree).toBe(false);
    expect(isolated.worktree).toBe(true);
    expect(await h.caller.task.get({ id: isolated.id })).toMatchObject({ id: isolated.id, worktree: true });
    const [created] = await allEvents(h, { taskId: isolated.id, types: ['task:created'] });
    expect(created!.payload).toMatchObject({ task: { worktree: true } });
  });

  test('update toggles it, bumps the version and shows the change in task:updated', async () => {
    const t = await h.caller.task.create({ projectId, title: 'toggle' });
    const on = await h.caller.task.update({ id: t.id, worktree: true, expectedVersion: 1 });
    expect(on).toMatchObject({ worktree: true, version: 2 });
    const off = await h.caller.task.update({ id: t.id, worktree: false });
    expect(off).toMatchObject({ worktree: false, version: 3 });
    const updates = await allEvents(h, { taskId: t.id, types: ['task:updated'] });
    expect(updates.map((e) => e.payload)).toEqual([
      expect.objectContaining({ action: 'update', changes: { worktree: { from: false, to: true } } }),
      expect.objectContaining({ action: 'update', changes: { worktree: { from: true, to: false } } }),
    ]);
    const same = await h.caller.task.update({ id: t.id, worktree: false });
    expect(same.version).toBe(3);
  });

  test('subtask create and update carry it, and the parent hears of the change', async () => {
    const parent = await h.caller.task.create({ projectId, title: 'parent' });
    const s = await h.caller.subtask.create({ taskId: parent.id, title: 'child', worktree: true });
    expect(s).toMatchObject({ parentId: parent.id, worktree: true });
    const u = await h.caller.subtask.update({ taskId: parent.id, subtaskId: s.id, worktree: false });
    expect(u).toMatchObject({ worktree: false, version: 2 });
    const [notice] = await allEvents(h, { taskId: parent.id, types: ['subtask:updated'] });
    expect(notice!.payload).toMatchObject({ changes: { worktree: { from: true, to: false } } });
  });
});

describe('session.spawn and a task’s worktree flag', () => {
  test('a task with worktree true gives a worktree session even when the spawn says false', async () => {
    const t = await h.caller.task.create({ projectId, title: 'isolated work', worktree: true });
    const session = await spawn([t.id], false);
    expect(session.worktree).toBe(true);
    expect((await h.caller.session.get({ id: session.id })).worktree).toBe(true);
  });

  test('worktree false on the task and on the spawn: no worktree', async () => {
    const t = await h.caller.task.create({ projectId, title: 'in place' });
    expect((await spawn([t.id], false)).worktree).toBe(false);
  });

  test('the spawn flag alone still asks for one; so does any one of several tasks', async () => {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((title) => h.caller.task.create({ projectId, title })));
    expect((await spawn([a!.id], true)).worktree).toBe(true);
    await h.caller.task.update({ id: c!.id, worktree: true });
    expect((await spawn([b!.id, c!.id])).worktree).toBe(true);
  });
});
