/**
 * Claim race on real Postgres: N claimers loop `task.claim` (next ready task)
 * until NOTHING_READY over a queue of ready tasks. Measures claims/s and
 * checks that every task went to exactly one claimer (client replies, the
 * tasks table and the `task:updated` claim events must all agree).
 * Baseline, same run: `pgbench -N` at the same client counts.
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_CLAIMERS (default "8,32"), BENCH_TASKS (1000), BENCH_MODES
 * ("in-process,http"), BENCH_PGBENCH_SECONDS (10; 0 skips pgbench).
 * Each round also prints CPU ms per claim of the server (or the bench process
 * in process) and of every local `postgres` process, read from /proc; run it
 * on an otherwise quiet machine.
 */
import postgres from 'postgres';
import { createScratchDatabase, initPgbench, intEnv, intList, log, onCleanup, round, runBench, runPgbench, summarize } from './lib/common.mjs';
import { cpuMeter, pidCpuMs, postgresCpuMs } from './lib/cpu.mjs';
import { startServer } from './lib/server.mjs';
import { api, client as clientPkg, db as dbPkg } from './lib/workspace.mjs';

const CLAIMERS = intList(process.env.BENCH_CLAIMERS, [8, 32]);
const TASKS = intEnv('BENCH_TASKS', 1000);
const MODES = (process.env.BENCH_MODES ?? 'in-process,http').split(',').map((m) => m.trim());
const PGBENCH_SECONDS = intEnv('BENCH_PGBENCH_SECONDS', 10);
const SETUP_CONCURRENCY = 8;
/** Errors other than NOTHING_READY a claimer tolerates before the round is abandoned. */
const MAX_ERRORS_PER_CLAIMER = 50;
const TOKEN = `bench-token-${Math.random().toString(36).slice(2)}-claim-race`;

function errorCode(error) {
  return error?.data?.maestro?.code ?? error?.shape?.data?.maestro?.code ?? api.toErrorBody(error).code;
}

async function pool(count, concurrency, fn) {
  let next = 0;
  const worker = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** A project with `TASKS` ready tasks, created through the API (not timed). */
async function seedProject(caller, label) {
  const project = await caller.project.create({ name: `bench ${label} ${Date.now()}`, workingDir: '/tmp' });
  await pool(TASKS, SETUP_CONCURRENCY, (i) => caller.task.create({ projectId: project.id, title: `task ${i}` }));
  return project;
}

/** One claimer: claim until NOTHING_READY; record what it got and how long each claim took. */
async function claimer(name, claim) {
  const got = [];
  const latencies = [];
  const errors = {};
  let errorCount = 0;
  for (;;) {
    const t0 = performance.now();
    try {
      const task = await claim(name);
      latencies.push(performance.now() - t0);
      got.push({ id: task.id, assignee: task.assignee });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'NOTHING_READY') break;
      errors[code] = (errors[code] ?? 0) + 1;
      if (++errorCount >= MAX_ERRORS_PER_CLAIMER) throw new Error(`${name}: ${errorCount} errors (${JSON.stringify(errors)}); last: ${error.message}`);
    }
  }
  return { name, got, latencies, errors };
}

async function listClaimEvents(listEvents, projectId) {
  const events = [];
  let afterId;
  for (;;) {
    const page = await listEvents({ projectId, types: ['task:updated'], limit: 500, ...(afterId ? { afterId } : {}) });
    events.push(...page.items.filter((e) => e.payload.action === 'claim'));
    if (page.nextAfterId === null) return events;
    afterId = page.nextAfterId;
  }
}

/** Every task claimed exactly once, by the same claimer per the replies, the table and the events. */
async function verify({ sql, projectId, results, claimEvents }) {
  const byTask = new Map();
  for (const r of results) for (const g of r.got) byTask.set(g.id, [...(byTask.get(g.id) ?? []), r.name]);
  const doubleClaims = [...byTask.values()].filter((names) => names.length > 1).length;
  const wrongAssigneeInReply = results.reduce((n, r) => n + r.got.filter((g) => g.assignee !== r.name).length, 0);

  const rows = await sql`select id, status, assignee from tasks where project_id = ${projectId}`;
  const notClaimedInDb = rows.filter((row) => row.status !== 'in_progress' || !row.assignee).length;
  const dbDisagrees = rows.filter((row) => byTask.get(row.id)?.[0] !== row.assignee).length;

  const eventsPerTask = new Map();
  for (const e of claimEvents) eventsPerTask.set(e.taskId, [...(eventsPerTask.get(e.taskId) ?? []), e.payload.task.assignee]);
  const tasksWithMultipleClaimEvents = [...eventsPerTask.values()].filter((a) => a.length > 1).length;
  const eventsDisagree = rows.filter((row) => {
    const assignees = eventsPerTask.get(row.id);
    return !assignees || assignees.length !== 1 || assignees[0] !== row.assignee;
  }).length;

  const checks = {
    tasks: rows.length,
    claimReplies: results.reduce((n, r) => n + r.got.length, 0),
    distinctTasksClaimed: byTask.size,
    claimEvents: claimEvents.length,
    notClaimedInDb,
    dbDisagreesWithReplies: dbDisagrees,
    tasksWithMultipleClaimEvents,
    eventsDisagreeWithDb: eventsDisagree,
    wrongAssigneeInReply,
  };
  const mustBeZero = ['notClaimedInDb', 'dbDisagreesWithReplies', 'tasksWithMultipleClaimEvents', 'eventsDisagreeWithDb', 'wrongAssigneeInReply'];
  const mustBeTasks = ['tasks', 'claimReplies', 'distinctTasksClaimed', 'claimEvents'];
  const exactlyOnce = doubleClaims === 0 && mustBeZero.every((k) => checks[k] === 0) && mustBeTasks.every((k) => checks[k] === TASKS);
  return { doubleClaims, exactlyOnce, checks };
}

async function race({ n, claim, listEvents, sql, projectId, cpuSources }) {
  const meter = cpuMeter(cpuSources);
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: n }, (_, i) => claimer(`claimer-${i}`, claim)));
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = meter.stop();
  const claims = results.reduce((sum, r) => sum + r.got.length, 0);
  const claimEvents = await listClaimEvents(listEvents, projectId);
  const verdict = await verify({ sql, projectId, results, claimEvents });
  const errors = {};
  for (const r of results) for (const [code, count] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + count;
  const perClaimer = results.map((r) => r.got.length);
  return {
    claimers: n,
    claims,
    seconds: round(seconds, 3),
    claimsPerSecond: round(claims / seconds, 1),
    claimLatencyMs: summarize(results.flatMap((r) => r.latencies)),
    // CPU per claim by process (from /proc): shows progress even when the two cores are the limit.
    cpuMsPerClaim: Object.fromEntries(Object.entries(cpuMs).map(([k, ms]) => [k, round(ms / Math.max(claims, 1), 3)])),
    claimsPerClaimer: { min: Math.min(...perClaimer), max: Math.max(...perClaimer) },
    errors,
    ...verdict,
  };
}

async function inProcessRound({ url, n, setupCaller, sql }) {
  const project = await seedProject(setupCaller, `in-process n=${n}`);
  // One pool connection per claimer: N transactions really contend for rows.
  const handle = dbPkg.createDb({ url, max: n });
  const bus = await api.createPostgresBus(handle.db, handle.sql);
  try {
    const ctx = api.createContextInner({ db: handle.db, bus });
    const callers = new Map();
    const callerFor = (name) => callers.get(name) ?? callers.set(name, api.createCaller(ctx)).get(name);
    await Promise.all(Array.from({ length: n }, () => handle.sql`select 1`));
    const result = await race({
      n,
      claim: (name) => callerFor(name).task.claim({ projectId: project.id, claimant: name }),
      listEvents: (input) => setupCaller.events.list(input),
      sql,
      projectId: project.id,
      // In process, the API and the claimers share this process.
      cpuSources: { benchProcess: () => pidCpuMs(process.pid), postgres: postgresCpuMs },
    });
    return { mode: 'in-process', poolSize: n, ...result };
  } finally {
    await bus.close();
    await handle.close();
  }
}

async function httpRound({ server, n, setupCaller, sql }) {
  const project = await seedProject(setupCaller, `http n=${n}`);
  const clients = new Map();
  for (let i = 0; i < n; i++) clients.set(`claimer-${i}`, clientPkg.createNodeClient({ url: server.url, token: server.token }));
  try {
    // Open each client's keep-alive connection before timing.
    await Promise.all([...clients.values()].map((c) => c.trpc.project.get.query({ id: project.id })));
    const result = await race({
      n,
      claim: (name) => clients.get(name).trpc.task.claim.mutate({ projectId: project.id, claimant: name }),
      listEvents: (input) => clients.get('claimer-0').trpc.events.list.query(input),
      sql,
      projectId: project.id,
      cpuSources: { server: () => pidCpuMs(server.child.pid), claimClients: () => pidCpuMs(process.pid), postgres: postgresCpuMs },
    });
    // The server's pool is createDb's default (10 connections), whatever N is.
    return { mode: 'http', serverPoolSize: 10, ...result };
  } finally {
    for (const c of clients.values()) c.close();
  }
}

await runBench('claim-race', async () => {
  const scratch = await createScratchDatabase();
  const setup = dbPkg.createDb({ url: scratch.url, max: SETUP_CONCURRENCY });
  onCleanup(() => setup.close());
  await setup.migrate();
  const setupBus = await api.createPostgresBus(setup.db, setup.sql);
  onCleanup(() => setupBus.close());
  const setupCaller = api.createCaller(api.createContextInner({ db: setup.db, bus: setupBus }));
  const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
  onCleanup(() => sql.end({ timeout: 5 }));

  let pgbenchDb = null;
  if (PGBENCH_SECONDS > 0) {
    log('initialising pgbench scratch database (-i -s 1)');
    pgbenchDb = await initPgbench(1);
  }
  const server = MODES.includes('http') ? await startServer({ DATABASE_URL: scratch.url, MAESTRO_TOKEN: TOKEN }) : null;

  const rounds = [];
  const baselines = [];
  for (const n of CLAIMERS) {
    if (pgbenchDb) {
      log(`pgbench -c ${n} -j 2 -T ${PGBENCH_SECONDS} -N`);
      const meter = cpuMeter({ postgres: postgresCpuMs });
      const result = await runPgbench(pgbenchDb, { clients: n, threads: Math.min(2, n), seconds: PGBENCH_SECONDS });
      // PostgreSQL's own CPU per pgbench transaction: the floor a claim's database work compares with.
      baselines.push({ ...result, postgresCpuMsPerTx: round(meter.stop().postgres / Math.max(result.transactions ?? 1, 1), 3) });
    }
    const baseline = baselines.find((b) => b.clients === n);
    for (const mode of MODES) {
      log(`seeding ${TASKS} tasks, then ${n} ${mode} claimers`);
      const round_ =
        mode === 'http'
          ? await httpRound({ server, n, setupCaller, sql })
          : mode === 'in-process'
            ? await inProcessRound({ url: scratch.url, n, setupCaller, sql })
            : (() => {
                throw new Error(`unknown mode ${mode} (in-process, http)`);
              })();
      if (baseline) round_.ratioToPgbenchTps = round(round_.claimsPerSecond / baseline.tps, 3);
      log(`${mode} n=${n}: ${round_.claimsPerSecond} claims/s, double claims ${round_.doubleClaims}, exactly once: ${round_.exactlyOnce}`);
      rounds.push(round_);
    }
  }

  const doubleClaims = rounds.reduce((sum, r) => sum + r.doubleClaims, 0);
  const allExactlyOnce = rounds.every((r) => r.exactlyOnce);
  return {
    ok: allExactlyOnce && doubleClaims === 0,
    config: { tasks: TASKS, claimers: CLAIMERS, modes: MODES, pgbenchSeconds: PGBENCH_SECONDS, postgres: scratch.serverVersion },
    doubleClaims,
    allExactlyOnce,
    baseline: { pgbench: baselines },
    rounds,
  };
});
