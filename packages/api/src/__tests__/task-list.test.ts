import { TASK_PRIORITIES, type Task, type TaskPriority } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { expectCode, newProject } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const titles = (items: Task[]) => items.map((t) => t.title).sort();

describe('task.list filters', () => {
  let projectId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    projectId = (await newProject(h)).id;
    const other = await newProject(h);
    await h.caller.task.create({ projectId: other.id, title: 'Foo in another project' });
    const make = async (title: string, extra: { priority?: TaskPriority; description?: string; parentId?: string; dependsOn?: string[] } = {}) => {
      ids[title] = (await h.caller.task.create({ projectId, title, ...extra })).id;
    };
    await make('Foo bar', { priority: 'high' });
    await make('plain', { priority: 'low', description: 'mentions FOO in the body' });
    await make('100% done', { priority: 'urgent' });
    await make('1000 done');
    await make('snake_case name');
    await make('snakeXcase name');
    await make('child one', { parentId: ids['Foo bar']! });
    await make('child two', { parentId: ids['Foo bar']!, priority: 'urgent' });
    await make('waits', { dependsOn: [ids['plain']!] });
    await h.caller.task.claim({ projectId, id: ids['1000 done']!, claimant: 'alice' });
    await h.caller.task.block({ id: ids['snakeXcase name']!, reason: 'stuck' });
  });

  const list = (filter: Record<string, unknown>) => h.caller.task.list({ projectId, ...filter });

  test('no filter lists every task of the project and only those', async () => {
    const page = await list({});
    expect(page.total).toBe(9);
    expect(page.items).toHaveLength(9);
    expect(page.nextCursor).toBeNull();
    expect(page.items.every((t) => t.projectId === projectId)).toBe(true);
  });

  test('every listed task is field for field what task.get returns (nulls, timestamps, versions)', async () => {
    const { items } = await list({});
    for (const item of items) {
      const { subtasks: _s, dependencies: _d, dependents: _t, ready: _r, ...task } = await h.caller.task.get({ id: item.id });
      expect(item).toEqual(task);
    }
    const started = items.find((t) => t.title === '1000 done')!;
    expect(started.startedAt).not.toBeNull();
    expect(started.assignee).toBe('alice');
    expect(items.find((t) => t.title === 'snakeXcase name')!.blockedReason).toBe('stuck');
  });

  test('status and priority filters accept several values', async () => {
    expect(titles((await list({ status: ['in_progress', 'blocked'] })).items)).toEqual(['1000 done', 'snakeXcase name']);
    const urgent = await list({ priority: ['urgent', 'high'] });
    // 'child one' inherits its parent's high priority.
    expect(titles(urgent.items)).toEqual(['100% done', 'Foo bar', 'child one', 'child two']);
    expect(urgent.total).toBe(4);
    expect(titles((await list({ status: ['todo'], priority: ['urgent'] })).items)).toEqual(['100% done', 'child two']);
  });

  test('parentId lists children; parentId null lists top-level tasks only', async () => {
    expect(titles((await list({ parentId: ids['Foo bar'] })).items)).toEqual(['child one', 'child two']);
    const top = await list({ parentId: null });
    expect(top.total).toBe(7);
    expect(top.items.every((t) => t.parentId === null)).toBe(true);
  });

  test('assignee matches the claimant', async () => {
    expect(titles((await list({ assignee: 'alice' })).items)).toEqual(['1000 done']);
    expect((await list({ assignee: 'bob' })).total).toBe(0);
  });

  test('text is case-insensitive over title and description', async () => {
    expect(titles((await list({ text: 'foo' })).items)).toEqual(['Foo bar', 'plain']);
    expect(titles((await list({ text: 'FOO BAR' })).items)).toEqual(['Foo bar']);
  });

  test('text treats % and _ literally', async () => {
    expect(titles((await list({ text: '100%' })).items)).toEqual(['100% done']);
    expect(titles((await list({ text: '%' })).items)).toEqual(['100% done']);
    expect(titles((await list({ text: 'e_c' })).items)).toEqual(['snake_case name']);
    expect((await list({ text: '_' })).total).toBe(1);
  });

  test('ready true is todo with every dependency completed; ready false is the rest', async () => {
    const ready = await list({ ready: true });
    expect(titles(ready.items)).toEqual(['100% done', 'Foo bar', 'child one', 'child two', 'plain', 'snake_case name']);
    expect(titles((await list({ ready: false })).items)).toEqual(['1000 done', 'snakeXcase name', 'waits']);
    await h.caller.task.complete({ id: ids['plain']! });
    expect(titles((await list({ ready: true, text: 'waits' })).items)).toEqual(['waits']);
  });

  test('an unknown project is NOT_FOUND; a malformed cursor is VALIDATION', async () => {
    await expectCode(h.caller.task.list({ projectId: 'prj_0000000000' }), 'NOT_FOUND');
    await expectCode(list({ cursor: 'abc' }), 'VALIDATION');
    await expectCode(list({ cursor: '-3' }), 'VALIDATION');
  });
});

describe('task.list order and pagination', () => {
  let projectId: string;
  let expected: string[];

  beforeAll(async () => {
    projectId = (await newProject(h)).id;
    const created: { id: string; priority: TaskPriority; position: number; n: number }[] = [];
    let n = 0;
    const add = async (t: Task) => created.push({ id: t.id, priority: t.priority, position: t.position, n: n++ });
    // Priorities cycle so that equal priorities interleave with positions; subtasks restart positions at 0.
    for (let i = 0; i < 20; i++) {
      await add(await h.caller.task.create({ projectId, title: `top ${i}`, priority: TASK_PRIORITIES[(i * 7) % 4]! }));
    }
    const parent = created[3]!.id;
    for (let i = 0; i < 5; i++) {
      await add(await h.caller.task.create({ projectId, parentId: parent, title: `sub ${i}`, priority: TASK_PRIORITIES[i % 4]! }));
    }
    const rank = (p: TaskPriority) => TASK_PRIORITIES.indexOf(p);
    expected = [...created].sort((a, b) => rank(b.priority) - rank(a.priority) || a.position - b.position || a.n - b.n).map((t) => t.id);
  });

  test('one page is ordered by priority desc, then position, then creation', async () => {
    const page = await h.caller.task.list({ projectId, limit: 500 });
    expect(page.items.map((t) => t.id)).toEqual(expected);
    expect(page.total).toBe(25);
  });

  test.each([1, 7, 12, 25, 30])('pages of %i cover every task once, in order, with a stable total', async (limit) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await h.caller.task.list({ projectId, limit, cursor });
      pages++;
      expect(page.total).toBe(25);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((t) => t.id));
      if (page.nextCursor === null) break;
      expect(page.items).toHaveLength(limit);
      cursor = page.nextCursor;
      expect(pages).toBeLessThan(30);
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(25);
    expect(pages).toBe(Math.ceil(25 / limit));
  });

  test('filters combine with pagination: the filtered total holds on every page', async () => {
    const all = await h.caller.task.list({ projectId, priority: ['urgent', 'high'], limit: 500 });
    const first = await h.caller.task.list({ projectId, priority: ['urgent', 'high'], limit: 3 });
    expect(first.total).toBe(all.total);
    const second = await h.caller.task.list({ projectId, priority: ['urgent', 'high'], limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((t) => t.id)).toEqual(all.items.slice(0, 6).map((t) => t.id));
  });

  test('a cursor past the end returns an empty page and no next cursor', async () => {
    const page = await h.caller.task.list({ projectId, cursor: '100' });
    expect(page).toEqual({ items: [], nextCursor: null, total: 25, asOfEventId: expect.stringMatching(/^\d+$/) });
  });
});
