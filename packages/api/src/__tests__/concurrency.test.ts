import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toErrorBody } from '../errors.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, newProject, rowCounts, TRPC_CODE_OF } from './helpers.js';

/** PGlite is one connection, so transactions never overlap there: these races only mean something on Postgres. */
const onPostgres = Boolean(process.env.DATABASE_URL);

/** Splits settled calls into values and the Maestro codes of the failures (never INTERNAL). */
function outcomes<T>(settled: PromiseSettledResult<T>[]) {
  const values: T[] = [];
  const codes: string[] = [];
  for (const s of settled) {
    if (s.status === 'fulfilled') {
      values.push(s.value);
      continue;
    }
    expect(s.reason).toBeInstanceOf(TRPCError);
    const body = toErrorBody(s.reason as TRPCError);
    expect((s.reason as TRPCError).code).toBe(TRPC_CODE_OF[body.code]);
    codes.push(body.code);
  }
  return { values, codes };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.runIf(onPostgres)('concurrency on Postgres', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    expect(h.kind).toBe('postgres');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function projectWithReadyTasks(n: number) {
    const p = await newProject(h);
    const tasks = [];
    for (const i of range(n))
      tasks.push(await h.caller.task.create({ projectId: p.id, title: `t${i}`, priority: (['low', 'medium', 'high', 'urgent'] as const)[i % 4] }));
    return { projectId: p.id, ids: tasks.map((t) => t.id) };
  }

  async function assertEachClaimedOnce(projectId: string, ids: string[], claimed: { id: string; assignee: string | null }[]) {
    expect(new Set(claimed.map((t) => t.id)).size).toBe(claimed.length);
    expect(new Set(claimed.map((t) => t.assignee)).size).toBe(claimed.length);
    const page = await h.caller.task.list({ projectId, limit: 500 });
    expect(page.items.every((t) => t.status === 'in_progress' && t.assignee !== null)).toBe(true);
    expect(page.items.map((t) => t.version)).toEqual(ids.map(() => 2));
    const byTask = new Map(claimed.map((t) => [t.id, t.assignee]));
    for (const t of page.items) expect(t.assignee).toBe(byTask.get(t.id));
    const claims = (await allEvents(h, { projectId, types: ['task:updated'] })).filter((e) => e.type === 'task:updated' && e.payload.action === 'claim');
    expect(claims).toHaveLength(ids.length);
    expect(new Set(claims.map((e) => e.taskId)).size).toBe(ids.length);
  }

  test('32 parallel claims on 32 ready tasks: every task claimed exactly once, one per claimer', async () => {
    const { projectId, ids } = await projectWithReadyTasks(32);
    const settled = await Promise.allSettled(range(32).map((i) => h.caller.task.claim({ projectId, claimant: `agent-${i}` })));
    const { values, codes } = outcomes(settled);
    expect(codes).toEqual([]);
    expect(values).toHaveLength(32);
    expect(values.map((t) => t.id).sort()).toEqual([...ids].sort());
    await assertEachClaimedOnce(projectId, ids, values);
  });

  test('40 claimers on 32 tasks: 32 successes and 8 NOTHING_READY', async () => {
    const { projectId, ids } = await projectWithReadyTasks(32);
    const settled = await Promise.allSettled(range(40).map((i) => h.caller.task.claim({ projectId, claimant: `agent-${i}` })));
    const { values, codes } = outcomes(settled);
    expect(values).toHaveLength(32);
    expect(codes).toEqual(Array(8).fill('NOTHING_READY'));
    await assertEachClaimedOnce(projectId, ids, values);
  });

  test('12 claimers racing for one given task: one wins, the rest get ALREADY_CLAIMED', async () => {
    const { projectId, ids } = await projectWithReadyTasks(1);
    const settled = await Promise.allSettled(range(12).map((i) => h.caller.task.claim({ projectId, id: ids[0]!, claimant: `agent-${i}` })));
    const { values, codes } = outcomes(settled);
    expect(values).toHaveLength(1);
    expect(codes).toEqual(Array(11).fill('ALREADY_CLAIMED'));
    expect((await h.caller.task.get({ id: ids[0]! })).assignee).toBe(values[0]!.assignee);
  });

  test('20 concurrent updates with one expectedVersion: 1 succeeds, 19 VERSION_CONFLICT, one event', async () => {
    const p = await newProject(h);
    const t = await h.caller.task.create({ projectId: p.id, title: 'contended' });
    const settled = await Promise.allSettled(range(20).map((i) => h.caller.task.update({ id: t.id, title: `writer ${i}`, expectedVersion: t.version })));
    const { values, codes } = outcomes(settled);
    expect(values).toHaveLength(1);
    expect(codes).toEqual(Array(19).fill('VERSION_CONFLICT'));
    const final = await h.caller.task.get({ id: t.id });
    expect(final.version).toBe(t.version + 1);
    expect(final.title).toBe(values[0]!.title);
    expect(await allEvents(h, { taskId: t.id, types: ['task:updated'] })).toHaveLength(1);
  });

  test('concurrent A→B and B→A: exactly one succeeds, the other is CYCLE (10 rounds)', async () => {
    const p = await newProject(h);
    for (const round of range(10)) {
      const a = await h.caller.task.create({ projectId: p.id, title: `a${round}` });
      const b = await h.caller.task.create({ projectId: p.id, title: `b${round}` });
      const settled = await Promise.allSettled([
        h.caller.task.dependency.add({ id: a.id, dependsOnId: b.id }),
        h.caller.task.dependency.add({ id: b.id, dependsOnId: a.id }),
      ]);
      const { values, codes } = outcomes(settled);
      expect(values).toHaveLength(1);
      expect(codes).toEqual(['CYCLE']);
      const edges = [...(await h.caller.task.get({ id: a.id })).dependencies, ...(await h.caller.task.get({ id: b.id })).dependencies];
      expect(edges).toHaveLength(1);
    }
    const added = await allEvents(h, { projectId: p.id, types: ['task:dependency_added'] });
    expect(added).toHaveLength(10);
  });

  test('one idempotency key sent 10 times at once: one row, one event, the same result for all', async () => {
    const p = await newProject(h);
    const before = await rowCounts(h);
    const settled = await Promise.allSettled(
      range(10).map(() => h.caller.task.create({ projectId: p.id, title: 'exactly once', idempotencyKey: 'concurrent-key-0001' })),
    );
    const { values, codes } = outcomes(settled);
    expect(codes).toEqual([]);
    for (const v of values) expect(v).toEqual(values[0]);
    const after = await rowCounts(h);
    expect(after.tasks).toBe(before.tasks + 1);
    expect(after.events).toBe(before.events + 1);
  });

  test('one key sent with different inputs at once: one wins, the rest are IDEMPOTENCY_MISMATCH', async () => {
    const p = await newProject(h);
    const settled = await Promise.allSettled(
      range(6).map((i) => h.caller.task.create({ projectId: p.id, title: `variant ${i}`, idempotencyKey: 'concurrent-key-0002' })),
    );
    const { values, codes } = outcomes(settled);
    expect(values).toHaveLength(1);
    expect(codes).toEqual(Array(5).fill('IDEMPOTENCY_MISMATCH'));
    expect((await h.caller.task.list({ projectId: p.id })).total).toBe(1);
  });

  test('8 projects created at once with one name: one succeeds, 7 ALREADY_EXISTS', async () => {
    const name = `race-${Date.now()}`;
    const settled = await Promise.allSettled(range(8).map(() => h.caller.project.create({ name, workingDir: '/tmp' })));
    const { values, codes } = outcomes(settled);
    expect(values).toHaveLength(1);
    expect(codes).toEqual(Array(7).fill('ALREADY_EXISTS'));
    expect((await h.caller.project.list()).items.filter((x) => x.name === name)).toHaveLength(1);
  });

  test('16 subtasks created at once under one parent get distinct positions', async () => {
    const p = await newProject(h);
    const parent = await h.caller.task.create({ projectId: p.id, title: 'parent' });
    await Promise.all(range(16).map((i) => h.caller.subtask.create({ taskId: parent.id, title: `s${i}` })));
    const subs = await h.caller.subtask.list({ taskId: parent.id });
    expect(subs.map((s) => s.position)).toEqual(range(16));
  });
});
