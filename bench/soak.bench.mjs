#!/usr/bin/env node
/**
 * Soak (issue 10): scripted agents — each step a real `maestro` CLI process —
 * loop the full lifecycle for `--minutes` (create, claim, describe, add and
 * finish a subtask, sometimes block and unblock, then spawn a worker session
 * through a real runner that prints and completes the task with the CLI from
 * inside, and check what it stored) against one server. Every
 * minute: the server's RSS, event-loop lag p99 and request p99 (from its
 * /metrics), CLI command p99, and errors. Goal: RSS flat after warm-up, 0 errors.
 *
 * Options: --minutes (30), --agents (20), --db pglite|postgres (pglite, what
 * `npm start` uses), --pause-ms between an agent's loops (500), --lines a
 * session prints (40). Needs the CLI built (`npm run build`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createScratchDatabase, log, onCleanup, REPO_ROOT, round, runBench, sleep, summarize, trackChild } from './lib/common.mjs';
import { buckets, gauge, parseMetrics, quantileBetween, total } from './lib/prometheus.mjs';
import { startRunner } from './lib/runner.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const { values: opts } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    agents: { type: 'string', default: '20' },
    db: { type: 'string', default: 'pglite' },
    'pause-ms': { type: 'string', default: '500' },
    lines: { type: 'string', default: '40' },
  },
});
const MINUTES = Number(opts.minutes);
const AGENTS = Number(opts.agents);
const PAUSE_MS = Number(opts['pause-ms']);
const LINES = Number(opts.lines);
const CLI = join(REPO_ROOT, 'apps/cli/dist/maestro-bundle.cjs');
const ENDED = new Set(['completed', 'failed', 'stopped', 'lost']);

/** What the agents did since the last minute's sample. */
function tally() {
  return { cliMs: [], cliFailures: 0, iterations: 0, sessions: 0, sessionProblems: 0, failures: [] };
}

async function scrape(server) {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.token}` } });
  return parseMetrics(await res.text());
}

/** One minute's figures from two scrapes of /metrics and the agents' tally. */
function sample(minute, before, after, t) {
  const notSubscription = (l) => l.type !== 'subscription';
  const codes = {};
  for (const s of after.filter((s) => s.name === 'maestro_rpc_requests_total' && s.labels.code !== 'OK')) {
    const prior =
      before.find((b) => b.name === s.name && b.labels.procedure === s.labels.procedure && b.labels.type === s.labels.type && b.labels.code === s.labels.code)
        ?.value ?? 0;
    if (s.value > prior) codes[s.labels.code] = (codes[s.labels.code] ?? 0) + (s.value - prior);
  }
  const p99 = quantileBetween(
    buckets(before, 'maestro_rpc_duration_seconds', notSubscription),
    buckets(after, 'maestro_rpc_duration_seconds', notSubscription),
    0.99,
  );
  const serverErrors = Object.values(codes).reduce((a, b) => a + b, 0);
  return {
    minute,
    rssMb: round(gauge(after, 'maestro_process_resident_memory_bytes') / 2 ** 20, 1),
    heapUsedMb: round(total(after, 'maestro_nodejs_heap_size_used_bytes') / 2 ** 20, 1),
    eventLoopLagP99Ms: round(gauge(after, 'maestro_nodejs_eventloop_lag_p99_seconds') * 1000, 1),
    requests: total(after, 'maestro_rpc_requests_total', notSubscription) - total(before, 'maestro_rpc_requests_total', notSubscription),
    requestP99Ms: p99 === null ? null : p99 === Infinity ? '>2500' : round(p99 * 1000, 1),
    cliCommands: t.cliMs.length,
    cliCommandMs: summarize(t.cliMs),
    iterations: t.iterations,
    sessions: t.sessions,
    errors: serverErrors + t.cliFailures + t.sessionProblems,
    errorsByCode: codes,
    cliFailures: t.cliFailures,
    sessionProblems: t.sessionProblems,
    failures: t.failures.slice(0, 5),
  };
}

/** A real CLI process; resolves with its exit code, parsed --json document and wall time. */
function cli(env, args) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args, '--json'], { env, maxBuffer: 4 * 2 ** 20 }, (error, stdout, stderr) => {
      let doc = null;
      try {
        doc = JSON.parse(stdout);
      } catch {
        // reported as a failure below
      }
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, doc, stderr, ms: performance.now() - started });
    });
    trackChild(child);
  });
}

/** One scripted agent: the full lifecycle in a loop until `until`, counted into `stats()`. */
async function agent(name, ctx) {
  const env = {
    PATH: process.env.PATH,
    HOME: ctx.home,
    MAESTRO_API_URL: ctx.server.url,
    MAESTRO_TOKEN: ctx.server.token,
    MAESTRO_PROJECT_ID: ctx.projectId,
    MAESTRO_RETRIES: '3',
  };
  const run = async (args) => {
    const r = await cli(env, args);
    const t = ctx.stats();
    t.cliMs.push(r.ms);
    if (r.code !== 0 || !r.doc?.success) {
      t.cliFailures++;
      t.failures.push(`${name}: maestro ${args.join(' ')} → exit ${r.code} ${JSON.stringify(r.doc?.error ?? r.stderr.slice(0, 300))}`);
      return null;
    }
    return r.doc.data;
  };
  const expected = Array.from({ length: LINES }, (_, i) => `${name}-line-${i + 1}\r\n`).join('');
  for (let n = 1; Date.now() < ctx.until; n++) {
    const task = await run(['task', 'create', `${name} loop ${n}`]);
    if (!task) {
      await sleep(PAUSE_MS);
      continue;
    }
    await run(['task', 'claim', task.id, '--as', name]);
    await run(['task', 'update', task.id, '--desc', `${name} works on loop ${n}`]);
    const sub = await run(['subtask', 'create', task.id, `step of loop ${n}`]);
    if (sub) await run(['subtask', 'complete', sub.id]);
    if (n % 5 === 0) {
      await run(['task', 'block', task.id, '--reason', `${name} waits on something`]);
      await run(['task', 'unblock', task.id]);
    }
    // A worker session takes the task over, prints, and completes it from inside with the CLI, as an agent does.
    const command = `for i in $(seq 1 ${LINES}); do echo ${name}-line-$i; sleep 0.05; done; node ${CLI} task complete --json >/dev/null 2>&1`;
    const session = await run(['session', 'spawn', '--task', task.id, '--agent', 'custom', '--command', command]);
    if (session) await watchSession(ctx, session.id, expected);
    const after = await ctx.client.trpc.task.get.query({ id: task.id });
    if (after.status !== 'completed') {
      ctx.stats().sessionProblems++;
      ctx.stats().failures.push(`${name}: task ${task.id} is ${after.status} after its session`);
    }
    ctx.stats().iterations++;
    await sleep(PAUSE_MS);
  }
}

/** Waits for the session to end, then checks it completed and stored exactly what it printed. */
async function watchSession(ctx, id, expected) {
  let session;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(250)) {
    session = await ctx.client.trpc.session.get.query({ id });
    if (ENDED.has(session.status)) break;
  }
  const { chunks } = await ctx.client.trpc.session.output.query({ id, afterSeq: -1, limit: 1000 });
  const stored = Buffer.concat(chunks.map((c) => Buffer.from(c.data, 'base64'))).toString('utf8');
  const t = ctx.stats();
  t.sessions++;
  if (session?.status !== 'completed' || stored !== expected) {
    t.sessionProblems++;
    let at = 0;
    while (at < stored.length && stored[at] === expected[at]) at++;
    t.failures.push(
      `session ${id}: ${session?.status}; stored ${stored.length} bytes, expected ${expected.length}, first difference at ${at}: ${JSON.stringify(stored.slice(at, at + 60))}`,
    );
  }
}

/** Same run, before any load: the idle server, lone HTTP calls and lone CLI commands. */
async function baseline(server, client, home, projectId) {
  await scrape(server);
  await sleep(15_000);
  const idle = await scrape(server);
  const http = [];
  for (let i = 0; i < 100; i++) {
    const started = performance.now();
    await client.trpc.project.list.query();
    http.push(performance.now() - started);
  }
  const env = { PATH: process.env.PATH, HOME: home, MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token, MAESTRO_PROJECT_ID: projectId };
  const cliMs = [];
  for (let i = 0; i < 10; i++) cliMs.push((await cli(env, ['task', 'list'])).ms);
  return {
    idleRssMb: round(gauge(idle, 'maestro_process_resident_memory_bytes') / 2 ** 20, 1),
    idleEventLoopLagP99Ms: round(gauge(idle, 'maestro_nodejs_eventloop_lag_p99_seconds') * 1000, 1),
    loneProjectListMs: summarize(http),
    loneCliTaskListMs: summarize(cliMs),
  };
}

await runBench('soak', async () => {
  if (!existsSync(CLI)) throw new Error(`the CLI is not built (${CLI}): run npm run build`);
  if (!(MINUTES > 0) || !(AGENTS > 0)) throw new Error('--minutes and --agents must be positive');
  const database = opts.db === 'postgres' ? await createScratchDatabase('maestro_bench_soak') : null;
  const server = await startServer({ ...(database ? { DATABASE_URL: database.url } : {}), MAESTRO_RUNNER_LEASE_MS: '30000' });
  const client = clientPkg.createNodeClient({ url: server.url, token: server.token });
  onCleanup(() => client.close());
  await startRunner(server, 'soak-runner');
  const home = mkdtempSync(join(tmpdir(), 'maestro-soak-home-'));
  onCleanup(() => rmSync(home, { recursive: true, force: true }));
  const workDir = mkdtempSync(join(tmpdir(), 'maestro-soak-work-'));
  onCleanup(() => rmSync(workDir, { recursive: true, force: true }));
  const projectId = (await client.trpc.project.create.mutate({ name: 'soak', workingDir: workDir })).id;

  log(`baseline: idle server 15 s, 100 lone project.list, 10 lone CLI task list`);
  const base = await baseline(server, client, home, projectId);
  log(`baseline ${JSON.stringify(base)}`);

  let current = tally();
  const ctx = { server, client, home, projectId, until: Date.now() + MINUTES * 60_000, stats: () => current };
  log(`${AGENTS} agents for ${MINUTES} min (${database ? 'PostgreSQL' : 'PGlite'})`);
  const agents = Array.from({ length: AGENTS }, (_, i) => agent(`agent-${i + 1}`, ctx));
  const minutes = [];
  let before = await scrape(server);
  for (let minute = 1; minute <= MINUTES; minute++) {
    await sleep(Math.max(0, ctx.until - (MINUTES - minute) * 60_000 - Date.now()));
    const after = await scrape(server);
    const row = sample(minute, before, after, current);
    current = tally();
    before = after;
    minutes.push(row);
    log(
      `minute ${minute}: RSS ${row.rssMb} MB, lag p99 ${row.eventLoopLagP99Ms} ms, request p99 ≤${row.requestP99Ms} ms (${row.requests} calls), CLI p99 ${row.cliCommandMs.p99} ms, ${row.iterations} loops, errors ${row.errors}`,
    );
  }
  // Loops under way finish (their sessions included); what they do after the last minute is counted apart.
  await Promise.all(agents);
  const tail = sample('tail', before, await scrape(server), current);

  const all = [...minutes, tail];
  const sum = (key) => all.reduce((n, m) => n + m[key], 0);
  const warm = minutes.slice(Math.min(1, minutes.length - 1));
  const slope = warm.length > 1 ? (warm.at(-1).rssMb - warm[0].rssMb) / (warm.at(-1).minute - warm[0].minute) : null;
  const errors = sum('errors');
  return {
    ok: errors === 0,
    config: { minutes: MINUTES, agents: AGENTS, database: database ? `postgres ${database.serverVersion}` : 'pglite', pauseMs: PAUSE_MS, sessionLines: LINES },
    baseline: base,
    perMinute: minutes,
    tail,
    summary: {
      iterations: sum('iterations'),
      sessions: sum('sessions'),
      cliCommands: sum('cliCommands'),
      errors,
      rssMbAfterWarmup: warm[0]?.rssMb ?? null,
      rssMbEnd: minutes.at(-1)?.rssMb ?? null,
      /** Change of RSS per minute from minute 2 to the last (warm-up: the first minute). */
      rssGrowthMbPerMinute: round(slope),
    },
  };
});
