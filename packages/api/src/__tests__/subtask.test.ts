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

const parentTask = () => h.caller.task.create({ projectId, title: 'parent' });
const typesOn = async (taskId: string, afterId = 0) =>
  (await allEvents(h, { taskId })).filter((e) => e.id > afterId).map((e) => [e.type, 'action' in e.payload ? e.payload.action : null]);
const lastEventId = async () => (await allEvents(h, { projectId })).at(-1)?.id ?? 0;

describe('subtask', () => {
  test('create makes a child task at the next position and files its events under the parent', async () => {
    const parent = await parentTask();
    const mark = await lastEventId();
    const a = await h.caller.subtask.create({ taskId: parent.id, title: 'a', description: 'first' });
    const b = await h.caller.subtask.create({ taskId: parent.id, title: 'b' });
    expect(a).toMatchObject({ parentId: parent.id, projectId, title: 'a', description: 'first', position: 0, status: 'todo' });
    expect(b.position).toBe(1);
    expect(await typesOn(parent.id, mark)).toEqual([
      ['subtask:created', null],
      ['task:updated', 'subtask_created'],
      ['subtask:created', null],
      ['task:updated', 'subtask_created'],
    ]);
    const [created] = await allEvents(h, { taskId: parent.id, types: ['subtask:created'] });
    expect(created!.payload).toEqual({ subtask: a });
    const [notice] = await allEvents(h, { taskId: parent.id, types: ['task:updated'] });
    expect(notice!.payload).toMatchObject({ action: 'subtask_created', subtaskId: a.id, task: { id: parent.id } });
  });

  test('list returns children ordered by position, not grandchildren', async () => {
    const parent = await parentTask();
    const subs = [];
    for (const title of ['one', 'two', 'three']) subs.push(await h.caller.subtask.create({ taskId: parent.id, title, priority: 'low' }));
    await h.caller.subtask.create({ taskId: subs[0]!.id, title: 'grandchild' });
    await h.caller.subtask.delete({ taskId: parent.id, subtaskId: subs[1]!.id });
    const four = await h.caller.subtask.create({ taskId: parent.id, title: 'four', priority: 'urgent' });
    const list = await h.caller.subtask.list({ taskId: parent.id });
    expect(list.map((s) => s.title)).toEqual(['one', 'three', 'four']);
    expect(list.map((s) => s.position)).toEqual([0, 2, 3]);
    expect(list.at(-1)).toEqual(four);
    expect(await h.caller.subtask.list({ taskId: four.id })).toEqual([]);
  });

  test('update changes the subtask and notifies the parent', async () => {
    const parent = await parentTask();
    const s = await h.caller.subtask.create({ taskId: parent.id, title: 's' });
    const mark = await lastEventId();
    const u = await h.caller.subtask.update({ taskId: parent.id, subtaskId: s.id, title: 's2', priority: 'high', expectedVersion: 1 });
    expect(u).toMatchObject({ id: s.id, title: 's2', priority: 'high', version: 2 });
    expect(await typesOn(s.id, mark)).toEqual([['task:updated', 'update']]);
    expect(await typesOn(parent.id, mark)).toEqual([
      ['subtask:updated', null],
      ['task:updated', 'subtask_updated'],
    ]);
    const [ev] = (await allEvents(h, { taskId: parent.id, types: ['subtask:updated'] })).slice(-1);
    expect(ev!.payload).toMatchObject({ subtask: { id: s.id, title: 's2' }, changes: { title: { from: 's', to: 's2' } } });
    await expectCode(h.caller.subtask.update({ taskId: parent.id, subtaskId: s.id, title: 's3', expectedVersion: 1 }), 'VERSION_CONFLICT');
  });

  test('complete finishes the subtask, which lets the parent complete', async () => {
    const parent = await parentTask();
    const s = await h.caller.subtask.create({ taskId: parent.id, title: 's' });
    const done = await h.caller.subtask.complete({ taskId: parent.id, subtaskId: s.id });
    expect(done).toMatchObject({ id: s.id, status: 'completed' });
    expect(done.completedAt).not.toBeNull();
    expect((await h.caller.task.complete({ id: parent.id })).status).toBe('completed');
  });

  test('delete removes the subtask and notifies the parent', async () => {
    const parent = await parentTask();
    const s = await h.caller.subtask.create({ taskId: parent.id, title: 'gone' });
    const mark = await lastEventId();
    expect(await h.caller.subtask.delete({ taskId: parent.id, subtaskId: s.id })).toEqual({ deletedIds: [s.id] });
    await expectCode(h.caller.task.get({ id: s.id }), 'NOT_FOUND');
    expect(await typesOn(s.id, mark)).toEqual([['task:deleted', null]]);
    expect(await typesOn(parent.id, mark)).toEqual([
      ['subtask:deleted', null],
      ['task:updated', 'subtask_deleted'],
    ]);
    const [ev] = (await allEvents(h, { taskId: parent.id, types: ['subtask:deleted'] })).slice(-1);
    expect(ev!.payload).toEqual({ subtaskId: s.id, title: 'gone' });
  });

  test('delete of a subtask that has its own children is HAS_CHILDREN', async () => {
    const parent = await parentTask();
    const s = await h.caller.subtask.create({ taskId: parent.id, title: 's' });
    await h.caller.subtask.create({ taskId: s.id, title: 'inner' });
    await expectCode(h.caller.subtask.delete({ taskId: parent.id, subtaskId: s.id }), 'HAS_CHILDREN');
  });

  test('a subtaskId that is not a child of taskId is NOT_FOUND for update, complete and delete', async () => {
    const parent = await parentTask();
    const stranger = await parentTask();
    const child = await h.caller.subtask.create({ taskId: parent.id, title: 'child' });
    const grandchild = await h.caller.subtask.create({ taskId: child.id, title: 'grandchild' });
    const before = await rowCounts(h);
    for (const subtaskId of [stranger.id, grandchild.id, parent.id, 'tsk_0000000000']) {
      await expectCode(h.caller.subtask.update({ taskId: parent.id, subtaskId, title: 'x' }), 'NOT_FOUND');
      await expectCode(h.caller.subtask.complete({ taskId: parent.id, subtaskId }), 'NOT_FOUND');
      await expectCode(h.caller.subtask.delete({ taskId: parent.id, subtaskId }), 'NOT_FOUND');
    }
    expect(await rowCounts(h)).toEqual(before);
    expect((await h.caller.task.get({ id: stranger.id })).title).toBe('parent');
  });

  test('create and list under an unknown task are NOT_FOUND', async () => {
    const before = await rowCounts(h);
    await expectCode(h.caller.subtask.create({ taskId: 'tsk_0000000000', title: 'x' }), 'NOT_FOUND');
    await expectCode(h.caller.subtask.list({ taskId: 'tsk_0000000000' }), 'NOT_FOUND');
    expect(await rowCounts(h)).toEqual(before);
  });
});
