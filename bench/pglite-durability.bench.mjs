/**
 * PGlite durability (issue #15 item 9): what fsyncing every commit costs.
 *
 * Two embedded databases on disk, each migrated and filled with
 * BENCH_DUR_TASKS (10,000) tasks (batches of 500 per transaction, not timed):
 *
 * - **stock**: `new PGlite(dir)` as Maestro opened it before: PostgreSQL
 *   started with fsync off, and PGlite's file system drops fsync anyway, so a
 *   commit is acknowledged from the OS page cache (lost on power loss).
 * - **durable**: `createDb({ dataDir })` as the server opens it now: fsync on,
 *   `wal_sync_method=fsync`, and a file system whose fsync reaches the disk.
 *   Every fsync PostgreSQL asks for is counted (`pgliteHooks.onFsync`).
 *
 * Timed per case: BENCH_DUR_COMMITS (500) one-row commits one after another
 * (commit latency p50/p99), the same number from 8 callers at once (PGlite
 * runs one statement at a time, so this shows the queue), and `listTasks`
 * (the query behind `task.list`, 500 of 10,000 tasks) p50 — the smaller
 * buffers must not slow reads. Baseline: a bare 8 KB write + fsync on the same
 * file system, BENCH_DUR_COMMITS times (the floor a durable commit pays).
 *
 * `ok` is false if a durable commit was acknowledged without a WAL fsync.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { intEnv, log, onCleanup, round, runBench, summarize } from './lib/common.mjs';
import { db as dbPkg } from './lib/workspace.mjs';

const TASKS = intEnv('BENCH_DUR_TASKS', 10_000);
const COMMITS = intEnv('BENCH_DUR_COMMITS', 500);
const CONCURRENCY = 8;
const LIST_CALLS = 30;

function scratchDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `maestro-bench-dur-${label}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function bareFsync() {
  const dir = scratchDir('bare');
  const fd = openSync(join(dir, 'wal'), 'w');
  const page = Buffer.alloc(8192, 1);
  const ms = [];
  try {
    for (let i = 0; i < COMMITS; i++) {
      const t0 = performance.now();
      writeSync(fd, page, 0, page.length, (i % 64) * page.length);
      fsyncSync(fd);
      ms.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
  }
  return summarize(ms);
}

async function open(kind) {
  const dataDir = join(scratchDir(kind), 'pglite');
  const fsyncs = [];
  const t0 = performance.now();
  let db;
  let close;
  if (kind === 'stock') {
    const client = new PGlite(dataDir);
    db = drizzle({ client });
    await migrate(db, { migrationsFolder: dbPkg.defaultMigrationsFolder() });
    close = () => client.close();
  } else {
    const handle = dbPkg.createDb({ dataDir, pgliteHooks: { onFsync: (path) => fsyncs.push(path) } });
    await handle.migrate();
    db = handle.db;
    close = () => handle.close();
  }
  // Closed after its case; again at cleanup only if the case failed first.
  let closing = null;
  const closeOnce = () => (closing ??= close());
  onCleanup(closeOnce);
  return { db, fsyncs, close: closeOnce, openSeconds: round((performance.now() - t0) / 1000, 1) };
}

async function fill(db) {
  const project = await dbPkg.insertProject(db, { id: dbPkg.newId('project'), name: 'bench-durability', workingDir: '/tmp' });
  for (let done = 0; done < TASKS; done += 500) {
    await db.transaction(async (tx) => {
      for (let i = done; i < Math.min(TASKS, done + 500); i++) {
        await dbPkg.insertTask(tx, {
          id: dbPkg.newId('task'),
          projectId: project.id,
          title: `task ${i}`,
          description: `task ${i} of the durability bench`,
          position: i,
        });
      }
    });
  }
  await db.execute(sql`create table bench_commits (n int)`);
  return project.id;
}

async function commitsOneByOne(db, fsyncs) {
  const walFlushes = () => fsyncs.filter((p) => p.includes('/pg_wal/')).length;
  const ms = [];
  let unflushed = 0;
  for (let i = 0; i < COMMITS; i++) {
    const before = walFlushes();
    const t0 = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into bench_commits values (${i})`);
    });
    ms.push(performance.now() - t0);
    if (walFlushes() === before) unflushed++;
  }
  const total = ms.reduce((a, b) => a + b, 0);
  return { latencyMs: summarize(ms), commitsPerSecond: round(COMMITS / (total / 1000), 1), acknowledgedWithoutWalFsync: unflushed };
}

async function commitsConcurrently(db) {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < COMMITS) {
      const i = next++;
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into bench_commits values (${i})`);
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { callers: CONCURRENCY, commitsPerSecond: round(COMMITS / ((performance.now() - t0) / 1000), 1) };
}

async function listTiming(db, projectId) {
  const params = { projectId, limit: 500, offset: 0 };
  for (let i = 0; i < 3; i++) await dbPkg.listTasks(db, params);
  const ms = [];
  for (let i = 0; i < LIST_CALLS; i++) {
    const t0 = performance.now();
    const { tasks, total } = await dbPkg.listTasks(db, params);
    ms.push(performance.now() - t0);
    if (tasks.length !== 500 || total !== TASKS) throw new Error(`listTasks answered ${tasks.length} of ${total}`);
  }
  return summarize(ms);
}

async function runCase(kind) {
  log(`${kind}: opening and filling ${TASKS} tasks`);
  const { db, fsyncs, close, openSeconds } = await open(kind);
  const projectId = await fill(db);
  const fsyncsBefore = fsyncs.length;
  const sequential = await commitsOneByOne(db, fsyncs);
  const fsyncsPerCommit = kind === 'durable' ? round((fsyncs.length - fsyncsBefore) / COMMITS, 2) : null;
  const concurrent = await commitsConcurrently(db);
  const listTasksMs = await listTiming(db, projectId);
  await close();
  log(
    `${kind}: ${sequential.commitsPerSecond} commits/s one by one (p50 ${sequential.latencyMs.p50} ms), ${concurrent.commitsPerSecond}/s from ${CONCURRENCY}, listTasks p50 ${listTasksMs.p50} ms`,
  );
  return {
    openSeconds,
    sequential: kind === 'stock' ? { ...sequential, acknowledgedWithoutWalFsync: 'all (fsync is a no-op)' } : sequential,
    fsyncsPerCommit,
    concurrent,
    listTasksMs,
  };
}

await runBench('pglite-durability', async () => {
  const bare = bareFsync();
  log(`bare 8 KB write + fsync: p50 ${bare.p50} ms`);
  const stock = await runCase('stock');
  const durable = await runCase('durable');
  return {
    ok: durable.sequential.acknowledgedWithoutWalFsync === 0,
    config: { tasks: TASKS, commits: COMMITS },
    baseline: { bareWriteFsyncMs: bare },
    stock,
    durable,
    costOfDurability: {
      commitLatencyP50Ratio: round(durable.sequential.latencyMs.p50 / stock.sequential.latencyMs.p50),
      sequentialThroughputRatio: round(durable.sequential.commitsPerSecond / stock.sequential.commitsPerSecond),
      concurrentThroughputRatio: round(durable.concurrent.commitsPerSecond / stock.concurrent.commitsPerSecond),
      listTasksP50Ratio: round(durable.listTasksMs.p50 / stock.listTasksMs.p50),
    },
  };
});
