import type { MaestroEvent, Task } from '@maestro/schemas';
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

/** A parent with subtasks titled as given, in that order. */
async function family(...titles: string[]) {
  const parent = await h.caller.task.create({ projectId, title: 'parent' });
  const subs: Task[] = [];
  for (const title of titles) subs.push(await h.caller.subtask.create({ taskId: parent.id, title }));
  return { parent, subs };
}

const titles = (tasks: Task[]) => tasks.map((t) => t.title);
const headId = async () => (await h.caller.events.head({})).lastEventId;
const eventsSince = async (id: number) => (await allEvents(h, { projectId })).filter((e) => e.id > id);
const describeEvent = (e: MaestroEvent) =>
  e.type === 'task:updated'
    ? [e.type, e.taskId, e.payload.action, e.payload.changes]
    : e.type === 'subtask:updated'
      ? [e.type, e.taskId, e.payload.subtask.id, e.payload.changes]
      : [e.type];

describe('subtask.move', () => {
  test('moves a subtask to a 0-based position, renumbers its siblings 0..n-1, and tells live clients', async () => {
    const { parent, subs } = await family('a', 'b', 'c', 'd');
    const [a, b, c, d] = subs as [Task, Task, Task, Task];
    const mark = await headId();

    const moved = await h.caller.subtask.move({ taskId: parent.id, subtaskId: c.id, position: 0 });
    expect(titles(moved)).toEqual(['c', 'a', 'b', 'd']);
    expect(moved.map((t) => t.position)).toEqual([0, 1, 2, 3]);
    expect(await h.caller.subtask.list({ taskId: parent.id })).toEqual(moved);
    // Only the siblings whose position changed are written (d stays at 3): a version bump each.
    expect(moved.map((t) => t.version)).toEqual([c.version + 1, a.version + 1, b.version + 1, d.version]);

    const position = (from: number, to: number) => ({ position: { from, to } });
    expect((await eventsSince(mark)).map(describeEvent)).toEqual([
      ['task:updated', c.id, 'update', position(2, 0)],
      ['subtask:updated', parent.id, c.id, position(2, 0)],
      ['task:updated', a.id, 'update', position(0, 1)],
      ['subtask:updated', parent.id, a.id, position(0, 1)],
      ['task:updated', b.id, 'update', position(1, 2)],
      ['subtask:updated', parent.id, b.id, position(1, 2)],
      ['task:updated', parent.id, 'subtask_updated', {}],
    ]);
    const [notice] = (await eventsSince(mark)).filter((e) => e.taskId === parent.id && e.type === 'task:updated');
    expect(notice!.payload).toMatchObject({ subtaskId: c.id });
  });

  test('moving down, to the last place, and to where it already is', async () => {
    const { parent, subs } = await family('a', 'b', 'c');
    expect(titles(await h.caller.subtask.move({ taskId: parent.id, subtaskId: subs[0]!.id, position: 2 }))).toEqual(['b', 'c', 'a']);
    expect(titles(await h.caller.subtask.move({ taskId: parent.id, subtaskId: subs[1]!.id, position: 1 }))).toEqual(['c', 'b', 'a']);
    const mark = await headId();
    const same = await h.caller.subtask.move({ taskId: parent.id, subtaskId: subs[1]!.id, position: 1 });
    expect(same).toEqual(await h.caller.subtask.list({ taskId: parent.id }));
    expect(await eventsSince(mark)).toEqual([]);
  });

  test('gaps left by a deleted sibling are closed', async () => {
    const { parent, subs } = await family('a', 'b', 'c', 'd');
    await h.caller.subtask.delete({ taskId: parent.id, subtaskId: subs[1]!.id });
    const moved = await h.caller.subtask.move({ taskId: parent.id, subtaskId: subs[3]!.id, position: 1 });
    expect(moved.map((t) => [t.title, t.position])).toEqual([
      ['a', 0],
      ['d', 1],
      ['c', 2],
    ]);
  });

  test('a position past the last subtask is VALIDATION naming the range, and writes nothing', async () => {
    const { parent, subs } = await family('a', 'b');
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.subtask.move({ taskId: parent.id, subtaskId: subs[0]!.id, position: 2 }), 'VALIDATION');
    expect(body.hint).toContain('0 to 1');
    expect(await rowCounts(h)).toEqual(before);
    expect(titles(await h.caller.subtask.list({ taskId: parent.id }))).toEqual(['a', 'b']);
  });

  test('a replay with the same idempotency key returns the first result and moves nothing again', async () => {
    const { parent, subs } = await family('a', 'b', 'c');
    const input = { taskId: parent.id, subtaskId: subs[2]!.id, position: 0, idempotencyKey: `move-${parent.id}` };
    const first = await h.caller.subtask.move(input);
    await h.caller.subtask.move({ taskId: parent.id, subtaskId: subs[0]!.id, position: 0 });
    const mark = await headId();
    expect(await h.caller.subtask.move(input)).toEqual(first);
    expect(await eventsSince(mark)).toEqual([]);
    expect(titles(await h.caller.subtask.list({ taskId: parent.id }))).toEqual(['a', 'c', 'b']);
  });
});
