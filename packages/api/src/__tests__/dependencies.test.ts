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

const tasks = async (...titles: string[]) => Promise.all(titles.map((title) => h.caller.task.create({ projectId, title })));

describe('task.dependency.add', () => {
  test('links two tasks, writes task:dependency_added, and shows on both sides', async () => {
    const [a, b] = await tasks('a', 'b');
    expect(await h.caller.task.dependency.add({ id: a!.id, dependsOnId: b!.id })).toEqual({ taskId: a!.id, dependsOnId: b!.id });
    const ga = await h.caller.task.get({ id: a!.id });
    expect(ga.dependencies.map((d) => d.id)).toEqual([b!.id]);
    expect(ga.ready).toBe(false);
    expect((await h.caller.task.get({ id: b!.id })).dependents.map((d) => d.id)).toEqual([a!.id]);
    const evs = await allEvents(h, { taskId: a!.id, types: ['task:dependency_added'] });
    expect(evs.map((e) => e.payload)).toEqual([{ taskId: a!.id, dependsOnId: b!.id }]);
  });

  test('adding an existing edge again succeeds without a second row or event', async () => {
    const [a, b] = await tasks('a', 'b');
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: b!.id });
    const before = await rowCounts(h);
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: b!.id });
    expect(await rowCounts(h)).toEqual(before);
  });

  test('a task depending on itself is CYCLE', async () => {
    const [a] = await tasks('a');
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.task.dependency.add({ id: a!.id, dependsOnId: a!.id }), 'CYCLE');
    expect(body.details).toEqual({ path: [a!.id, a!.id] });
    expect(await rowCounts(h)).toEqual(before);
  });

  test('A→B, B→C, then C→A is CYCLE with the path in details', async () => {
    const [a, b, c] = await tasks('a', 'b', 'c');
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: b!.id });
    await h.caller.task.dependency.add({ id: b!.id, dependsOnId: c!.id });
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.task.dependency.add({ id: c!.id, dependsOnId: a!.id }), 'CYCLE');
    expect(body.details).toEqual({ path: [c!.id, a!.id, b!.id, c!.id] });
    expect(body.message).toContain(a!.id);
    expect(await rowCounts(h)).toEqual(before);
    expect((await h.caller.task.get({ id: c!.id })).dependencies).toEqual([]);
    // A shortcut A→C is not a cycle.
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: c!.id });
  });

  test('task.create with dependsOn participates in cycle detection', async () => {
    const [a] = await tasks('a');
    const b = await h.caller.task.create({ projectId, title: 'b', dependsOn: [a!.id] });
    const { body } = await expectCode(h.caller.task.dependency.add({ id: a!.id, dependsOnId: b.id }), 'CYCLE');
    expect(body.details).toEqual({ path: [a!.id, b.id, a!.id] });
  });

  test('unknown tasks are NOT_FOUND; a task of another project is VALIDATION', async () => {
    const [a] = await tasks('a');
    const other = await newProject(h);
    const foreign = await h.caller.task.create({ projectId: other.id, title: 'foreign' });
    const before = await rowCounts(h);
    await expectCode(h.caller.task.dependency.add({ id: 'tsk_0000000000', dependsOnId: a!.id }), 'NOT_FOUND');
    await expectCode(h.caller.task.dependency.add({ id: a!.id, dependsOnId: 'tsk_0000000000' }), 'NOT_FOUND');
    await expectCode(h.caller.task.dependency.add({ id: a!.id, dependsOnId: foreign.id }), 'VALIDATION');
    expect(await rowCounts(h)).toEqual(before);
  });
});

describe('task.dependency.remove', () => {
  test('removes an edge, writes task:dependency_removed, and the task becomes ready', async () => {
    const [a, b] = await tasks('a', 'b');
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: b!.id });
    expect(await h.caller.task.dependency.remove({ id: a!.id, dependsOnId: b!.id })).toEqual({ taskId: a!.id, dependsOnId: b!.id });
    const ga = await h.caller.task.get({ id: a!.id });
    expect(ga.dependencies).toEqual([]);
    expect(ga.ready).toBe(true);
    const evs = await allEvents(h, { taskId: a!.id, types: ['task:dependency_added', 'task:dependency_removed'] });
    expect(evs.map((e) => e.type)).toEqual(['task:dependency_added', 'task:dependency_removed']);
    expect(evs[1]!.payload).toEqual({ taskId: a!.id, dependsOnId: b!.id });
    // Once removed, the reverse edge is allowed.
    await h.caller.task.dependency.add({ id: b!.id, dependsOnId: a!.id });
  });

  test('removing an edge that does not exist is NOT_FOUND and writes nothing', async () => {
    const [a, b] = await tasks('a', 'b');
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: b!.id });
    const before = await rowCounts(h);
    await expectCode(h.caller.task.dependency.remove({ id: b!.id, dependsOnId: a!.id }), 'NOT_FOUND');
    await expectCode(h.caller.task.dependency.remove({ id: a!.id, dependsOnId: 'tsk_0000000000' }), 'NOT_FOUND');
    await expectCode(h.caller.task.dependency.remove({ id: 'tsk_0000000000', dependsOnId: a!.id }), 'NOT_FOUND');
    expect(await rowCounts(h)).toEqual(before);
  });
});

describe('readiness through dependencies', () => {
  test('a dependency counts as done only when completed, and reopening it blocks the dependent again', async () => {
    const [dep] = await tasks('dep');
    const t = await h.caller.task.create({ projectId, title: 't', dependsOn: [dep!.id] });
    await h.caller.task.start({ id: dep!.id });
    await h.caller.task.update({ id: dep!.id, status: 'in_review' });
    expect((await h.caller.task.get({ id: t.id })).ready).toBe(false);
    await h.caller.task.complete({ id: dep!.id });
    expect((await h.caller.task.get({ id: t.id })).ready).toBe(true);
    await h.caller.task.update({ id: dep!.id, status: 'todo' });
    expect((await h.caller.task.get({ id: t.id })).ready).toBe(false);
  });
});
