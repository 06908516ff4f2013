import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from './ids.js';
import { insertDependency } from './queries/dependencies.js';
import { insertProject } from './queries/projects.js';
import { rowsOf } from './queries/rows.js';
import { claimNextReady, insertTask, updateTaskRow } from './queries/tasks.js';
import { createTestDb } from './testing.js';

/**
 * The claim statement (pick with SKIP LOCKED and update in one statement) on
 * the database itself; the API's claim tests cover it through `task.claim`.
 */

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

async function project() {
  return insertProject(handle.db, { id: newId('project'), name: `claim ${newId('project')}`, workingDir: '/tmp' });
}

const task = (projectId: string, title: string, extra: { priority?: 'low' | 'medium' | 'high' | 'urgent'; position?: number } = {}) =>
  insertTask(handle.db, { id: newId('task'), projectId, title, position: extra.position ?? 0, ...(extra.priority ? { priority: extra.priority } : {}) });

test('takes the most urgent ready task, returns it before and after, and skips tasks waiting on a dependency', async () => {
  const p = await project();
  const low = await task(p.id, 'low', { priority: 'low' });
  const blocker = await task(p.id, 'blocker', { priority: 'medium' });
  const waiting = await task(p.id, 'waiting', { priority: 'urgent' });
  await insertDependency(handle.db, { taskId: waiting.id, dependsOnId: blocker.id });

  const first = await claimNextReady(handle.db, { projectId: p.id, claimant: 'agent-1' });
  expect(first?.before).toMatchObject({ id: blocker.id, status: 'todo', assignee: null, version: 1, startedAt: null });
  expect(first?.after).toMatchObject({ id: blocker.id, status: 'in_progress', assignee: 'agent-1', version: 2 });
  expect(first?.after.startedAt).toBeInstanceOf(Date);

  const second = await claimNextReady(handle.db, { projectId: p.id, claimant: 'agent-2' });
  expect(second?.after).toMatchObject({ id: low.id, assignee: 'agent-2' });
  // Only the one waiting on an unfinished dependency is left.
  expect(await claimNextReady(handle.db, { projectId: p.id, claimant: 'agent-3' })).toBeNull();
});

test('keeps the first start time of a task that went back to todo', async () => {
  const p = await project();
  const t = await task(p.id, 'again');
  const startedAt = new Date('2026-01-02T03:04:05.000Z');
  await updateTaskRow(handle.db, { id: t.id, values: { startedAt } });
  const claimed = await claimNextReady(handle.db, { projectId: p.id, claimant: 'agent' });
  expect(claimed?.after.startedAt?.toISOString()).toBe(startedAt.toISOString());
});

test('only looks in the given project', async () => {
  const [a, b] = [await project(), await project()];
  await task(a.id, 'elsewhere');
  expect(await claimNextReady(handle.db, { projectId: b.id, claimant: 'agent' })).toBeNull();
});

describe.runIf(Boolean(process.env.DATABASE_URL))('PostgreSQL', () => {
  test('a row another transaction holds is skipped, not waited for', async () => {
    const p = await project();
    const first = await task(p.id, 'first', { position: 0 });
    const second = await task(p.id, 'second', { position: 1 });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select id from tasks where id = ${first.id} for update`);
      locked();
      await released;
    });
    await isLocked;
    const claimed = await claimNextReady(handle.db, { projectId: p.id, claimant: 'agent' });
    release();
    await holder;
    expect(claimed?.after.id).toBe(second.id);
  });

  test("drizzle's queries run as prepared statements (one round trip, planned once per connection)", async () => {
    const p = await project();
    await task(p.id, 'prepared');
    const names = await handle.db.transaction(async (tx) => {
      await claimNextReady(tx, { projectId: p.id, claimant: 'agent' });
      return rowsOf<{ statement: string }>(await tx.execute(sql`select statement from pg_prepared_statements`)).map((r) => r.statement);
    });
    expect(names.some((s) => s.includes('for update skip locked'))).toBe(true);
  });
});
