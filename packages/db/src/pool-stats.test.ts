import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newId } from './ids.js';
import type { PoolStats } from './pool-stats.js';
import { insertProject } from './queries/projects.js';
import { countSessionsByStatus, insertSession } from './queries/sessions.js';
import { insertTask } from './queries/tasks.js';
import { createTestDb } from './testing.js';

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

/** A transaction held open until `release()`: it keeps one connection busy (and a row lock, if it took one). */
function holdTransaction(inside: (tx: Parameters<Parameters<typeof handle.db.transaction>[0]>[0]) => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const ready = new Promise<void>((r) => (entered = r));
  const done = handle.db.transaction(async (tx) => {
    await inside(tx);
    entered();
    await released;
  });
  return { ready, release, done };
}

/** The pool's stats once `ready` holds of them (the other calls get going asynchronously), or the last read. */
async function statsOnce(ready: (stats: PoolStats) => boolean): Promise<PoolStats> {
  let stats = await handle.poolStats();
  for (let i = 0; !ready(stats) && i < 400; i++) {
    await new Promise((r) => setTimeout(r, 25));
    stats = await handle.poolStats();
  }
  return stats;
}

test(`sessions by status: every status, counted (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
  const empty = await countSessionsByStatus(handle.db);
  expect(empty).toEqual({ spawning: 0, active: 0, completed: 0, failed: 0, stopped: 0, lost: 0 });
  const project = await insertProject(handle.db, { id: newId('project'), name: `pool-${Date.now()}`, workingDir: '/tmp' });
  const task = await insertTask(handle.db, { id: newId('task'), projectId: project.id, title: 't' });
  for (const status of ['active', 'active', 'failed'] as const) {
    await insertSession(handle.db, { values: { id: newId('session'), projectId: project.id, name: 's', spawnedBy: 'user', status }, taskIds: [task.id] });
  }
  expect(await countSessionsByStatus(handle.db)).toMatchObject({ spawning: 0, active: 2, failed: 1, lost: 0 });
});

test('an idle pool: nothing in use or waiting', async () => {
  const stats = await handle.poolStats();
  expect(stats).toMatchObject({ inUse: 0, waiting: 0 });
  expect(stats.size).toBe(handle.kind === 'pglite' ? 1 : 40);
  expect(stats.idle).toBeGreaterThanOrEqual(1);
});

test.runIf(!process.env.DATABASE_URL)('PGlite: a transaction in progress is in use; a call behind it waits', async () => {
  const held = holdTransaction((tx) => tx.execute(sql`select 1`));
  await held.ready;
  // Drizzle starts a query when it is awaited: .then starts it.
  const queued = handle.db.execute(sql`select 2`).then(() => undefined);
  expect(await statsOnce((s) => s.waiting > 0)).toEqual({ size: 1, inUse: 1, idle: 0, waiting: 1 });
  held.release();
  await Promise.all([held.done, queued]);
  expect(await handle.poolStats()).toEqual({ size: 1, inUse: 0, idle: 1, waiting: 0 });
});

test.runIf(Boolean(process.env.DATABASE_URL))('PostgreSQL: a held transaction is in use; one blocked on its row lock is waiting', async () => {
  const id = newId('project');
  await insertProject(handle.db, { id, name: `lock-${Date.now()}`, workingDir: '/tmp' });
  const held = holdTransaction((tx) => tx.execute(sql`select id from projects where id = ${id} for update`));
  await held.ready;
  const blocked = handle.db.execute(sql`update projects set name = name where id = ${id}`).then(() => undefined);
  const stats = await statsOnce((s) => s.waiting > 0);
  expect(stats).toMatchObject({ size: 40, waiting: 1 });
  expect(stats.inUse).toBeGreaterThanOrEqual(2);
  held.release();
  await Promise.all([held.done, blocked]);
});
