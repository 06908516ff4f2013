import { LIMITS, type Task } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { newProject } from './helpers.js';

/** task.tree answers pages of the tree's tasks in id order, so a page is bounded and the pages cover the tree once. */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

type Input = { projectId: string; rootId?: string };

/** Follows the cursors; calls `between` after each page but the last. */
async function pages(input: Input, limit: number, between?: (n: number) => Promise<void>) {
  const seen: Task[][] = [];
  let cursor: string | undefined;
  do {
    const page = await h.caller.task.tree({ ...input, limit, cursor });
    seen.push(page.items);
    cursor = page.nextCursor ?? undefined;
    if (cursor && between) await between(seen.length);
  } while (cursor);
  return seen;
}

describe('task.tree pages', () => {
  test('pages hold at most `limit` tasks, in id order, and together every task of the project once', async () => {
    const p = await newProject(h);
    const roots = await Promise.all(Array.from({ length: 7 }, (_, i) => h.caller.task.create({ projectId: p.id, title: `root ${i}` })));
    const subs = await Promise.all(roots.flatMap((r) => [0, 1].map((i) => h.caller.subtask.create({ taskId: r.id, title: `${r.title}.${i}` }))));
    const all = [...roots, ...subs].map((t) => t.id).sort();

    const first = await h.caller.task.tree({ projectId: p.id, limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.total).toBe(21);
    expect(first.nextCursor).toBe(first.items[4]!.id);

    const got = await pages({ projectId: p.id }, 5);
    expect(got.map((page) => page.length)).toEqual([5, 5, 5, 5, 1]);
    expect(got.flat().map((t) => t.id)).toEqual(all);
    // A limit that divides the total exactly ends without an empty page.
    expect((await pages({ projectId: p.id }, 7)).map((page) => page.length)).toEqual([7, 7, 7]);
  });

  test('a subtree pages the same way: the root and its descendants only', async () => {
    const p = await newProject(h);
    const root = await h.caller.task.create({ projectId: p.id, title: 'root' });
    const other = await h.caller.task.create({ projectId: p.id, title: 'other' });
    await h.caller.subtask.create({ taskId: other.id, title: 'not in the subtree' });
    const kids = await Promise.all(Array.from({ length: 4 }, (_, i) => h.caller.subtask.create({ taskId: root.id, title: `kid ${i}` })));
    const grandkid = await h.caller.subtask.create({ taskId: kids[0]!.id, title: 'grandkid' });

    const got = await pages({ projectId: p.id, rootId: root.id }, 2);
    expect(got.flat().map((t) => t.id)).toEqual([root, ...kids, grandkid].map((t) => t.id).sort());
    expect((await h.caller.task.tree({ projectId: p.id, rootId: root.id, limit: 2 })).total).toBe(6);
  });

  test('tasks edited and reordered between pages are neither skipped nor repeated (the cursor is the id, which never changes)', async () => {
    const p = await newProject(h);
    const a = await h.caller.task.create({ projectId: p.id, title: 'A' });
    const b = await h.caller.task.create({ projectId: p.id, title: 'B' });
    const subs: Task[] = [];
    for (let i = 0; i < 6; i++) subs.push(await h.caller.subtask.create({ taskId: a.id, title: `A${i}` }));
    const ids = [a, b, ...subs].map((t) => t.id).sort();

    const got = await pages({ projectId: p.id }, 3, async (n) => {
      // Reorder the siblings (positions change under the cursor) and edit a task.
      await h.caller.subtask.move({ taskId: a.id, subtaskId: subs[subs.length - 1 - n]!.id, position: 0 });
      await h.caller.task.update({ id: subs[subs.length - n]!.id, title: `renamed ${n}` });
    });
    expect(got.flat().map((t) => t.id)).toEqual(ids);
  });

  test(`a page is at most ${LIMITS.pageSize} tasks: a larger limit is VALIDATION`, async () => {
    const p = await newProject(h);
    await expect(h.caller.task.tree({ projectId: p.id, limit: LIMITS.pageSize + 1 })).rejects.toThrow(/limit/);
    expect((await h.caller.task.tree({ projectId: p.id })).items).toEqual([]);
  });
});
