/**
 * Server RSS on embedded PGlite (issue #12 item 4; goal ≤ 200 MB for
 * `npm start`): the real `npm start` tree (scripts/start.mjs: supervisor,
 * server bundle, runner bundle) on a fresh data directory, idle after start,
 * after 10,000 tasks created through the API, and idle again after a restart
 * on the same data (what a user's every later start looks like). The
 * server's own RSS and the whole tree's (supervisor + server + runner; RSS
 * summed, and PSS summed, which counts the node binary's shared pages once)
 * are sampled once a second over an idle window.
 *
 * Baseline in the same run: the same on PostgreSQL (a scratch database).
 * Also reported: tasks/s while creating and `task.list` (500 tasks) p50, so a
 * memory saving that slows the server shows here.
 *
 * Needs the bundles (`npm run build -w @maestro/server -w @maestro/runner`;
 * built here when missing). The dashboard is off by default (it is a Next
 * server in the server process and its memory is not the database's);
 * BENCH_RSS_WEB=auto serves the build in MAESTRO_WEB_DIST_DIR (.next).
 *
 * Env: BENCH_RSS_TASKS (10000), BENCH_RSS_IDLE_S (10), BENCH_RSS_CASES
 * (pglite,postgres), BENCH_RSS_WEB (off).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, createScratchDatabase, intEnv, log, onCleanup, round, runBench, sleep, summarize, trackChild } from './lib/common.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const TASKS = intEnv('BENCH_RSS_TASKS', 10_000);
const IDLE_S = intEnv('BENCH_RSS_IDLE_S', 10);
const CASES = (process.env.BENCH_RSS_CASES ?? 'pglite,postgres').split(',');
const WEB = process.env.BENCH_RSS_WEB ?? 'off';
const GOAL_MIB = 200;
const CONCURRENCY = 8;
const LIST_CALLS = 30;

const bundles = [
  ['apps/server', 'apps/server/dist/main.js'],
  ['packages/runner', 'packages/runner/dist/main.js'],
];

function ensureBuilt() {
  for (const [dir, file] of bundles) {
    if (existsSync(join(REPO_ROOT, file))) continue;
    log(`building ${dir}`);
    const built = spawnSync(process.execPath, ['build.mjs'], { cwd: join(REPO_ROOT, dir), stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`could not build ${dir}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Proportional set size: shared pages (the node binary, ~40 MB of every
 * process's RSS) split among the processes sharing them, so a sum over the
 * tree counts them once.
 */
function pssMiB(pid) {
  try {
    const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** pid → { ppid, rssMiB, pssMiB, cmd } for every process we can read. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      table.set(Number(entry), { ppid, rssMiB: rss ? Number(rss[1]) / 1024 : 0, pssMiB: pssMiB(entry), cmd });
    } catch {
      // ended meanwhile, or a kernel thread
    }
  }
  return table;
}

/** RSS of the supervisor's tree, split by role (agents the runner spawns would count under it). */
function treeRss(rootPid) {
  const table = processTable();
  const out = { supervisor: 0, server: 0, runner: 0, other: 0, total: 0, totalPss: 0 };
  const visit = (pid) => {
    const p = table.get(pid);
    if (!p) return;
    const role =
      pid === rootPid
        ? 'supervisor'
        : p.cmd.includes('apps/server/dist/main.js')
          ? 'server'
          : p.cmd.includes('packages/runner/dist/main.js')
            ? 'runner'
            : 'other';
    out[role] += p.rssMiB;
    out.total += p.rssMiB;
    out.totalPss += p.pssMiB;
    for (const [child, c] of table) if (c.ppid === pid) visit(child);
  };
  visit(rootPid);
  return out;
}

/** Samples once a second for IDLE_S seconds with nothing asked of the server. */
async function idle(rootPid, label) {
  const samples = [];
  for (let i = 0; i < IDLE_S; i++) {
    await sleep(1_000);
    samples.push(treeRss(rootPid));
  }
  const last = samples.at(-1);
  const pick = (role) => ({ last: round(last[role], 1), max: round(Math.max(...samples.map((s) => s[role])), 1) });
  const result = {
    serverMiB: pick('server'),
    treeMiB: pick('total'),
    treePssMiB: pick('totalPss'),
    runnerMiB: pick('runner'),
    supervisorMiB: pick('supervisor'),
  };
  log(`${label}: server ${result.serverMiB.last} MiB, npm start tree ${result.treeMiB.last} MiB RSS (${result.treePssMiB.last} MiB PSS)`);
  return result;
}

/** `node scripts/start.mjs` as `npm start` runs it after its build step; stopped (SIGTERM, then SIGKILL) at cleanup. */
async function startTree(env) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/start.mjs')], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MAESTRO_WEB: WEB,
      MAESTRO_RATE_LIMIT_MUTATIONS_PER_S: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  trackChild(child);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-4_000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  onCleanup(stop);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${stderr}`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  const startSeconds = (performance.now() - t0) / 1000;
  // The runner is started once the server answers; let it connect before measuring.
  await sleep(2_000);
  return { url, pid: child.pid, startSeconds: round(startSeconds, 1), stop };
}

async function fill(client, projectId) {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < TASKS) {
      const i = next++;
      await client.trpc.task.create.mutate({ projectId, title: `rss task ${i}`, description: `task ${i} of the RSS bench` });
      if ((i + 1) % 2_000 === 0) log(`  ${i + 1}/${TASKS} tasks`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return round(TASKS / ((performance.now() - t0) / 1000), 1);
}

async function listTiming(client, projectId) {
  for (let i = 0; i < 3; i++) await client.trpc.task.list.query({ projectId, limit: 500 });
  const ms = [];
  for (let i = 0; i < LIST_CALLS; i++) {
    const t0 = performance.now();
    await client.trpc.task.list.query({ projectId, limit: 500 });
    ms.push(performance.now() - t0);
  }
  return summarize(ms);
}

async function runCase(kind) {
  const dataDir = mkdtempSync(join(tmpdir(), `maestro-bench-rss-${kind}-`));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { MAESTRO_DATA_DIR: dataDir };
  if (kind === 'postgres') env.DATABASE_URL = (await createScratchDatabase('maestro_bench_rss')).url;
  log(`${kind}: starting npm start on a fresh data directory`);
  const first = await startTree(env);
  const afterStart = await idle(first.pid, `${kind} idle after first start`);
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  const client = clientPkg.createNodeClient({ url: first.url, token });
  const project = await client.trpc.project.create.mutate({ name: 'bench-rss', workingDir: '/tmp' });
  log(`${kind}: creating ${TASKS} tasks`);
  const tasksPerSecond = await fill(client, project.id);
  const taskListMs = await listTiming(client, project.id);
  client.close();
  const afterTasks = await idle(first.pid, `${kind} idle after ${TASKS} tasks`);
  await first.stop();
  log(`${kind}: restarting on the same data`);
  const second = await startTree(env);
  const afterRestart = await idle(second.pid, `${kind} idle after restart`);
  await second.stop();
  return {
    startSeconds: first.startSeconds,
    restartSeconds: second.startSeconds,
    idleAfterStart: afterStart,
    afterTasks: { tasks: TASKS, tasksPerSecond, taskListMs, ...afterTasks },
    idleAfterRestart: afterRestart,
  };
}

await runBench('server-rss', async () => {
  ensureBuilt();
  const cases = {};
  for (const kind of CASES) cases[kind] = await runCase(kind);
  const pg = cases.pglite;
  return {
    config: { tasks: TASKS, idleSeconds: IDLE_S, dashboard: WEB, goalMiB: GOAL_MIB },
    cases,
    // The goal is read on the server process and on the whole tree, at each point.
    goalMet: pg
      ? {
          serverAfterStart: pg.idleAfterStart.serverMiB.last <= GOAL_MIB,
          serverAfterTasks: pg.afterTasks.serverMiB.last <= GOAL_MIB,
          serverAfterRestart: pg.idleAfterRestart.serverMiB.last <= GOAL_MIB,
          treeAfterStart: pg.idleAfterStart.treeMiB.last <= GOAL_MIB,
          treePssAfterStart: pg.idleAfterStart.treePssMiB.last <= GOAL_MIB,
        }
      : null,
  };
});
