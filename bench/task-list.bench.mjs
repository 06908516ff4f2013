/**
 * `task.list` of 500 tasks, server side (issue #12 item 3; goal ≤ 5 ms on both
 * databases): the tRPC procedure through `createCaller` — input validation,
 * the query, row mapping, output validation — without HTTP, on embedded PGlite
 * (an on-disk data directory, as `npm start` uses) and on PostgreSQL (a
 * scratch database). Of 1,000 tasks in the project, half are listed (limit
 * 500), a quarter of them subtasks, some with dependencies.
 *
 * Baseline in the same run and database: the same page as one raw SQL
 * statement (`select * … order by … limit 500`), so the figure shows what the
 * API adds to the database's own work.
 *
 * Each figure also has `cpuMsPerCall`: CPU ms per call of this process (the
 * API, and on PGlite the database inside it) and of the scratch database's
 * PostgreSQL backends (from /proc). On the shared two-core machine wall times
 * follow the load; CPU per call shows what a change costs.
 *
 * Env: BENCH_LIST_CALLS (200), BENCH_LIST_CASES (pglite,postgres).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createScratchDatabase, intEnv, log, onCleanup, round, runBench, summarize } from './lib/common.mjs';
import { cpuMeter, pidCpuMs } from './lib/cpu.mjs';
import { api, db as dbPkg } from './lib/workspace.mjs';

const CALLS = intEnv('BENCH_LIST_CALLS', 200);
const CASES = (process.env.BENCH_LIST_CASES ?? 'pglite,postgres').split(',').map((c) => c.trim());
const TASKS = 1000;
const PAGE = 500;

/** CPU ms so far of this process (the API, and PGlite inside it) and of the scratch database's PostgreSQL backends. */
async function cpuReader(handle) {
  const pids = handle.kind === 'postgres' ? (await handle.sql`select pid from pg_stat_activity where datname = current_database()`).map((r) => r.pid) : [];
  return {
    process: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
    postgres: () => pids.reduce((sum, pid) => sum + pidCpuMs(pid), 0),
  };
}

async function time(fn, cpu) {
  for (let i = 0; i < 20; i++) await fn();
  const samples = [];
  const meter = cpuMeter(cpu);
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const spent = meter.stop();
  const cpuMsPerCall = Object.fromEntries(Object.entries(spent).map(([k, ms]) => [k, round(ms / CALLS, 2)]));
  return { ...summarize(samples), cpuMsPerCall };
}

async function measure(name, handle) {
  await handle.migrate();
  const bus = handle.kind === 'postgres' ? await api.createPostgresBus(handle.db, handle.sql) : await api.createMemoryBus(handle.db);
  try {
    const caller = api.createCaller(api.createContextInner({ db: handle.db, bus }));
    const project = await caller.project.create({ name: `list ${name}`, workingDir: '/tmp' });
    log(`${name}: seeding ${TASKS} tasks`);
    const parents = [];
    for (let i = 0; i < TASKS; i++) {
      const parentId = i % 4 === 3 ? parents[i % parents.length] : undefined;
      const dependsOn = i % 10 === 9 ? [parents[(i * 7) % parents.length]] : undefined;
      const task = await caller.task.create({
        projectId: project.id,
        title: `task ${i}`,
        description: `description of task ${i} `.repeat(4),
        ...(parentId ? { parentId } : {}),
        ...(dependsOn ? { dependsOn } : {}),
      });
      if (!parentId) parents.push(task.id);
    }
    const listed = await caller.task.list({ projectId: project.id, limit: PAGE });
    if (listed.items.length !== PAGE) throw new Error(`task.list returned ${listed.items.length} tasks, expected ${PAGE}`);
    const { tasks } = dbPkg.tables;
    const rawSql = () =>
      handle.db
        .select()
        .from(tasks)
        .where(eq(tasks.projectId, project.id))
        .orderBy(...dbPkg.queueOrder)
        .limit(PAGE);
    const cpu = await cpuReader(handle);
    return {
      case: name,
      taskListMs: await time(() => caller.task.list({ projectId: project.id, limit: PAGE }), cpu),
      baselineRawSelectMs: await time(rawSql, cpu),
    };
  } finally {
    await bus.close();
  }
}

await runBench('task-list', async () => {
  const results = [];
  if (CASES.includes('pglite')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'maestro-bench-list-'));
    onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
    const handle = dbPkg.createDb({ dataDir });
    try {
      results.push(await measure('pglite', handle));
    } finally {
      await handle.close();
    }
  }
  if (CASES.includes('postgres')) {
    const scratch = await createScratchDatabase();
    const handle = dbPkg.createDb({ url: scratch.url });
    try {
      results.push(await measure('postgres', handle));
    } finally {
      await handle.close();
    }
  }
  for (const r of results) {
    r.ratioToRawSelect = round(r.taskListMs.p50 / r.baselineRawSelectMs.p50, 2);
    r.goal = { p50Ms: 5, met: r.taskListMs.p50 <= 5 };
    log(
      `${r.case}: task.list p50 ${r.taskListMs.p50} ms, CPU ${JSON.stringify(r.taskListMs.cpuMsPerCall)} (raw select p50 ${r.baselineRawSelectMs.p50} ms, CPU ${JSON.stringify(r.baselineRawSelectMs.cpuMsPerCall)})`,
    );
  }
  return { ok: true, tasks: TASKS, page: PAGE, calls: CALLS, results };
});
