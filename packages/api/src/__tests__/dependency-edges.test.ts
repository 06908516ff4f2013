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

describe('task.dependencies: a project’s dependency edges for a board', () => {
  test('lists every edge of the project and nothing of another; removals and cascaded deletes drop out', async () => {
    const p = await newProject(h);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((title) => h.caller.task.create({ projectId: p.id, title })));
    const sub = await h.caller.subtask.create({ taskId: a!.id, title: 'sub' });
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: b!.id });
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: c!.id });
    await h.caller.task.dependency.add({ id: b!.id, dependsOnId: c!.id });
    await h.caller.task.dependency.add({ id: sub.id, dependsOnId: c!.id });
    const other = await newProject(h);
    const [x, y] = await Promise.all(['x', 'y'].map((title) => h.caller.task.create({ projectId: other.id, title })));
    await h.caller.task.dependency.add({ id: x!.id, dependsOnId: y!.id });

    const sorted = (edges: { taskId: string; dependsOnId: string }[]) =>
      [...edges].sort((l, r) => `${l.taskId}${l.dependsOnId}`.localeCompare(`${r.taskId}${r.dependsOnId}`));
    const first = await h.caller.task.dependencies({ projectId: p.id });
    expect(sorted(first.edges)).toEqual(
      sorted([
        { taskId: a!.id, dependsOnId: b!.id },
        { taskId: a!.id, dependsOnId: c!.id },
        { taskId: b!.id, dependsOnId: c!.id },
        { taskId: sub.id, dependsOnId: c!.id },
      ]),
    );
    // As of the project's newest event: subscribing from it misses nothing.
    expect(first.asOfEventId).toBe(String((await allEvents(h, { projectId: p.id })).at(-1)!.id));

    await h.caller.task.dependency.remove({ id: a!.id, dependsOnId: b!.id });
    await h.caller.task.delete({ id: c!.id });
    const later = await h.caller.task.dependencies({ projectId: p.id });
    expect(later.edges).toEqual([]);
    expect(BigInt(later.asOfEventId)).toBeGreaterThan(BigInt(first.asOfEventId));
    expect((await h.caller.task.dependencies({ projectId: other.id })).edges).toEqual([{ taskId: x!.id, dependsOnId: y!.id }]);
  });

  test('an empty project has no edges; a session token reads its own project only', async () => {
    const p = await newProject(h);
    const task = await h.caller.task.create({ projectId: p.id, title: 't' });
    expect((await h.caller.task.dependencies({ projectId: p.id })).edges).toEqual([]);
    const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
    const agent = h.callerFor({ kind: 'session', sessionId: session.id, projectId: p.id });
    expect((await agent.task.dependencies({ projectId: p.id })).edges).toEqual([]);
    const other = await newProject(h);
    await expectCode(agent.task.dependencies({ projectId: other.id }), 'FORBIDDEN');
  });
});
