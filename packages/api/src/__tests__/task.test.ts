import { assembleTaskTree, type Task, type TaskTreeNode } from '@maestro/schemas';
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

describe('task.create and task.get', () => {
  test('create applies defaults and get returns the detail', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: '  Write docs  ' });
    expect(t).toMatchObject({
      projectId: p.id,
      parentId: null,
      title: 'Write docs',
      description: '',
      status: 'todo',
      priority: 'medium',
      assignee: null,
      worktree: false,
      blockedReason: null,
      version: 1,
      startedAt: null,
      completedAt: null,
    });
    expect(t.id).toMatch(/^tsk_[0-9a-z]{10}$/);
    const detail = await h.caller.task.get({ id: t.id });
    expect(detail).toEqual({ ...t, subtasks: [], dependencies: [], dependents: [], ready: true });
  });

  test('create with parent, priority, description and dependsOn; get shows all links and the ready flag', async () => {
    const p = await newProject(h);
    const dep = await h.caller.task.create({ projectId: p.id, title: 'dep', priority: 'low' });
    const parent = await h.caller.task.create({ projectId: p.id, title: 'parent', priority: 'urgent' });
    const child = await h.caller.task.create({
      projectId: p.id,
      parentId: parent.id,
      title: 'child',
      description: 'details here',
      priority: 'high',
      dependsOn: [dep.id, dep.id],
    });
    expect(child).toMatchObject({ parentId: parent.id, priority: 'high', description: 'details here', position: 0 });

    const c = await h.caller.task.get({ id: child.id });
    expect(c.dependencies).toEqual([{ id: dep.id, title: 'dep', status: 'todo', priority: 'low' }]);
    expect(c.ready).toBe(false);
    const d = await h.caller.task.get({ id: dep.id });
    expect(d.dependents).toEqual([{ id: child.id, title: 'child', status: 'todo', priority: 'high' }]);
    expect(d.ready).toBe(true);
    const par = await h.caller.task.get({ id: parent.id });
    expect(par.subtasks.map((s) => s.id)).toEqual([child.id]);

    await h.caller.task.complete({ id: dep.id });
    expect((await h.caller.task.get({ id: child.id })).ready).toBe(true);
    await h.caller.task.start({ id: child.id });
    expect((await h.caller.task.get({ id: child.id })).ready).toBe(false);
  });

  test('subtask.create inherits the parent’s priority unless given one', async () => {
    const p = await newProject(h);
    const parent = await h.caller.task.create({ projectId: p.id, title: 'p', priority: 'urgent' });
    expect((await h.caller.subtask.create({ taskId: parent.id, title: 'c' })).priority).toBe('urgent');
    expect((await h.caller.subtask.create({ taskId: parent.id, title: 'd', priority: 'low' })).priority).toBe('low');
  });

  test('create refuses an unknown project or parent with NOT_FOUND and a parent from another project with VALIDATION', async () => {
    const p = await newProject(h);
    const q = await newProject(h);
    const foreign = await h.caller.task.create({ projectId: q.id, title: 'elsewhere' });
    const before = await rowCounts(h);
    await expectCode(h.caller.task.create({ projectId: 'prj_0000000000', title: 'x' }), 'NOT_FOUND');
    await expectCode(h.caller.task.create({ projectId: p.id, title: 'x', parentId: 'tsk_0000000000' }), 'NOT_FOUND');
    await expectCode(h.caller.task.create({ projectId: p.id, title: 'x', parentId: foreign.id }), 'VALIDATION');
    await expectCode(h.caller.task.create({ projectId: p.id, title: 'x', dependsOn: [foreign.id] }), 'VALIDATION');
    expect(await rowCounts(h)).toEqual(before);
  });

  test('get of an unknown task is NOT_FOUND', async () => {
    await expectCode(h.caller.task.get({ id: 'tsk_0000000000' }), 'NOT_FOUND');
  });
});

describe('task.update', () => {
  test('update with the current expectedVersion changes fields and bumps the version', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 'old' });
    const u = await h.caller.task.update({ id: t.id, title: 'new', priority: 'high', description: 'd', expectedVersion: 1 });
    expect(u).toMatchObject({ title: 'new', priority: 'high', description: 'd', version: 2 });
    const [ev] = await allEvents(h, { taskId: t.id, types: ['task:updated'] });
    expect(ev!.payload).toMatchObject({
      action: 'update',
      task: { id: t.id, version: 2 },
      changes: { title: { from: 'old', to: 'new' }, priority: { from: 'medium', to: 'high' }, description: { from: '', to: 'd' } },
    });
  });

  test('a stale expectedVersion is VERSION_CONFLICT and changes nothing', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 'v' });
    await h.caller.task.update({ id: t.id, title: 'v2', expectedVersion: 1 });
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.task.update({ id: t.id, title: 'v3', expectedVersion: 1 }), 'VERSION_CONFLICT');
    expect(body.details).toMatchObject({ currentVersion: 2, expectedVersion: 1 });
    expect(await rowCounts(h)).toEqual(before);
    expect(await h.caller.task.get({ id: t.id })).toMatchObject({ title: 'v2', version: 2 });
  });

  test('update without fields is VALIDATION; status blocked via update is VALIDATION (needs a reason)', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 'x' });
    await expectCode(h.caller.task.update({ id: t.id }), 'VALIDATION');
    await expectCode(h.caller.task.update({ id: t.id, idempotencyKey: 'nothing-to-change-1' }), 'VALIDATION');
    await expectCode(h.caller.task.update({ id: t.id, status: 'blocked' }), 'VALIDATION');
    await expectCode(h.caller.task.update({ id: 'tsk_0000000000', title: 'y' }), 'NOT_FOUND');
  });

  test('update with unchanged values writes no event and keeps the version', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 'same' });
    const u = await h.caller.task.update({ id: t.id, title: 'same', priority: 'medium' });
    expect(u.version).toBe(1);
    expect(await allEvents(h, { taskId: t.id, types: ['task:updated'] })).toHaveLength(0);
  });
});

describe('task.delete', () => {
  test('a task with subtasks is HAS_CHILDREN unless cascade; cascade deletes the subtree', async () => {
    const p = await newProject(h);
    const root = await h.caller.task.create({ projectId: p.id, title: 'root' });
    const a = await h.caller.subtask.create({ taskId: root.id, title: 'a' });
    const b = await h.caller.subtask.create({ taskId: root.id, title: 'b' });
    const aa = await h.caller.subtask.create({ taskId: a.id, title: 'aa' });
    const bystander = await h.caller.task.create({ projectId: p.id, title: 'bystander', dependsOn: [aa.id] });

    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.task.delete({ id: root.id }), 'HAS_CHILDREN');
    expect(body.details).toEqual({ childIds: [a.id, b.id] });
    expect(await rowCounts(h)).toEqual(before);

    const res = await h.caller.task.delete({ id: root.id, cascade: true });
    expect([...res.deletedIds].sort()).toEqual([root.id, a.id, b.id, aa.id].sort());
    expect(res.deletedIds.at(-1)).toBe(root.id);
    for (const id of [root.id, a.id, b.id, aa.id]) await expectCode(h.caller.task.get({ id }), 'NOT_FOUND');
    const left = await h.caller.task.get({ id: bystander.id });
    expect(left.dependencies).toEqual([]);
    expect(left.ready).toBe(true);
    const [ev] = await allEvents(h, { taskId: root.id, types: ['task:deleted'] });
    expect(ev!.payload).toEqual({ taskId: root.id, title: 'root', deletedIds: res.deletedIds });
  });

  test('a leaf deletes without cascade; an unknown id is NOT_FOUND', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 'leaf' });
    expect(await h.caller.task.delete({ id: t.id })).toEqual({ deletedIds: [t.id] });
    await expectCode(h.caller.task.delete({ id: t.id }), 'NOT_FOUND');
  });
});

describe('task.tree', () => {
  const shape = (nodes: TaskTreeNode[]): unknown => nodes.map((n) => ({ title: n.title, children: shape(n.children) }));
  /** Every page, nested as a client does. */
  const wholeTree = async (input: { projectId: string; rootId?: string }, limit?: number) => {
    const tasks: Task[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.caller.task.tree({ ...input, limit, cursor });
      tasks.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return assembleTaskTree(tasks);
  };

  test('nests children under parents for the project, or one subtree with rootId', async () => {
    const p = await newProject(h);
    const a = await h.caller.task.create({ projectId: p.id, title: 'A' });
    const b = await h.caller.task.create({ projectId: p.id, title: 'B' });
    const a1 = await h.caller.subtask.create({ taskId: a.id, title: 'A1' });
    await h.caller.subtask.create({ taskId: a.id, title: 'A2' });
    await h.caller.subtask.create({ taskId: a1.id, title: 'A1x' });
    await h.caller.subtask.create({ taskId: b.id, title: 'B1' });

    const expected = [
      {
        title: 'A',
        children: [
          { title: 'A1', children: [{ title: 'A1x', children: [] }] },
          { title: 'A2', children: [] },
        ],
      },
      { title: 'B', children: [{ title: 'B1', children: [] }] },
    ];
    const tree = await wholeTree({ projectId: p.id });
    expect(shape(tree)).toEqual(expected);
    expect(tree[0]).toMatchObject({ id: a.id, status: 'todo', version: 1 });
    // Pages of one task each put together give the same tree.
    expect(shape(await wholeTree({ projectId: p.id }, 1))).toEqual(expected);

    const sub = await wholeTree({ projectId: p.id, rootId: a1.id });
    expect(shape(sub)).toEqual([{ title: 'A1', children: [{ title: 'A1x', children: [] }] }]);
  });

  test('an unknown project or a rootId outside the project is NOT_FOUND', async () => {
    const p = await newProject(h);
    const q = await newProject(h);
    const t = await h.caller.task.create({ projectId: q.id, title: 'q' });
    await expectCode(h.caller.task.tree({ projectId: 'prj_0000000000' }), 'NOT_FOUND');
    await expectCode(h.caller.task.tree({ projectId: p.id, rootId: t.id }), 'NOT_FOUND');
    expect(await h.caller.task.tree({ projectId: p.id })).toEqual({ items: [], nextCursor: null, total: 0 });
  });
});
