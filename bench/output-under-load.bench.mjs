/**
 * Output under load, on PostgreSQL: BENCH_SESSIONS (20) sessions each print
 * BENCH_SESSION_MB (5) MB to their terminals at once, while BENCH_CLAIMERS (8)
 * claimers take tasks and BENCH_SUBSCRIBERS (100) WebSocket clients follow the
 * claim project's events. Reports aggregate output MB/s (every session's bytes
 * checked by sha256 at a `session.onOutput` subscriber), claims/s during the
 * output window against `pgbench -N` at the same client count (same run), and
 * event latency: a ticker comments on a task every BENCH_SPACING_MS (20) ms,
 * one at a time; latency = arrival at each subscriber − the call.
 *
 * The runner and all clients live in this process (one server process,
 * PostgreSQL); on a two-core machine they compete with the server for CPU, so
 * CPU ms per MB and per claim (from /proc) are printed too.
 *
 * Goals from issue #12: output ≥ 20 MB/s aggregate and byte-exact, claims ≥ 0.3
 * of pgbench meanwhile, event p99 ≤ 50 ms.
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until, createScratchDatabase, initPgbench, intEnv, log, onCleanup, round, runBench, runPgbench, sleep, summarize } from './lib/common.mjs';
import { cpuMeter, pidCpuMs, postgresCpuMs } from './lib/cpu.mjs';
import { startRunner } from './lib/runner.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const SESSIONS = intEnv('BENCH_SESSIONS', 20);
const SESSION_MB = intEnv('BENCH_SESSION_MB', 5);
const CLAIMERS = intEnv('BENCH_CLAIMERS', 8);
const SUBSCRIBERS = intEnv('BENCH_SUBSCRIBERS', 100);
const TASKS = intEnv('BENCH_TASKS', 4000);
const SPACING_MS = intEnv('BENCH_SPACING_MS', 20);
const PGBENCH_SECONDS = intEnv('BENCH_PGBENCH_SECONDS', 10);
const BYTES = SESSION_MB * 1024 * 1024;
const TOKEN = `bench-token-${Math.random().toString(36).slice(2)}-output-under-load`;
const MAX_TICKS = 100_000;

const newClient = (server) => clientPkg.createNodeClient({ url: server.url, token: server.token });

async function pool(count, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

/** One events subscriber: when each numbered comment (`tick:<n>`) arrived. */
function subscriber(server, projectId) {
  const c = newClient(server);
  const state = { arrivals: new Map(), warm: 0, errors: [] };
  const sub = c.trpc.events.onEvent.subscribe(
    { projectId },
    {
      onData: ({ data: event }) => {
        if (event.type !== 'task:commented') return;
        const body = event.payload.body;
        if (body.startsWith('warm:')) state.warm++;
        if (body.startsWith('tick:') && !state.arrivals.has(body)) state.arrivals.set(body, performance.now());
      },
      onError: (error) => state.errors.push(String(error?.message ?? error)),
    },
  );
  state.close = () => {
    sub.unsubscribe();
    c.close();
  };
  return state;
}

/** Follows one session's terminal from its first byte; resolves with the byte count and whether the sha256 matches. */
function followOutput(client, sessionId, expected) {
  const hash = createHash('sha256');
  let received = 0;
  return new Promise((resolve, reject) => {
    const sub = client.trpc.session.onOutput.subscribe(
      { id: sessionId },
      {
        onData: ({ data }) => {
          const buf = Buffer.from(data.data, 'base64');
          hash.update(buf);
          received += buf.length;
          if (received >= BYTES) {
            // Resolved before unsubscribing: unsubscribe() calls onComplete at once.
            resolve({ sessionId, at: performance.now(), bytes: received, exact: received === BYTES && hash.digest('hex') === expected, ended: false });
            sub.unsubscribe();
          }
        },
        onComplete: () => resolve({ sessionId, at: performance.now(), bytes: received, exact: false, ended: true }),
        onError: reject,
      },
    );
  });
}

/** Claims until told to stop or the queue is empty; counts claims made while `window.open`. */
async function claimer(client, projectId, name, window) {
  let claims = 0;
  while (!window.stop) {
    try {
      await client.trpc.task.claim.mutate({ projectId, claimant: name });
      if (window.open) claims++;
    } catch (error) {
      if (error?.data?.maestro?.code === 'NOTHING_READY') return { claims, ranOut: true };
      throw error;
    }
  }
  return { claims, ranOut: false };
}

await runBench('output-under-load', async () => {
  const file = join(tmpdir(), `maestro-under-load-${process.pid}.bin`);
  const payload = randomBytes(BYTES);
  writeFileSync(file, payload);
  onCleanup(() => rmSync(file, { force: true }));
  const expected = createHash('sha256').update(payload).digest('hex');

  const scratch = await createScratchDatabase();
  let pgbench = null;
  if (PGBENCH_SECONDS > 0) {
    const pgbenchDb = await initPgbench(1);
    log(`pgbench -c ${CLAIMERS} -j 2 -T ${PGBENCH_SECONDS} -N`);
    pgbench = await runPgbench(pgbenchDb, { clients: CLAIMERS, threads: Math.min(2, CLAIMERS), seconds: PGBENCH_SECONDS });
  }

  const server = await startServer({ DATABASE_URL: scratch.url, MAESTRO_TOKEN: TOKEN });
  await startRunner(server);
  const setup = newClient(server);
  onCleanup(() => setup.close());
  const claimProject = await setup.trpc.project.create.mutate({ name: 'under load: claims', workingDir: '/tmp' });
  const outputProject = await setup.trpc.project.create.mutate({ name: 'under load: output', workingDir: '/tmp' });
  // The ticker's task is taken first, so the claimers never get it.
  const target = await setup.trpc.task.create.mutate({ projectId: claimProject.id, title: 'ticker', priority: 'urgent' });
  await setup.trpc.task.claim.mutate({ projectId: claimProject.id, id: target.id, claimant: 'ticker' });
  log(`seeding ${TASKS} ready tasks`);
  await pool(TASKS, 8, (i) => setup.trpc.task.create.mutate({ projectId: claimProject.id, title: `task ${i}` }));
  const sessionTasks = [];
  for (let i = 0; i < SESSIONS; i++) sessionTasks.push(await setup.trpc.task.create.mutate({ projectId: outputProject.id, title: `printer ${i}` }));

  log(`${SUBSCRIBERS} subscribers`);
  const subs = Array.from({ length: SUBSCRIBERS }, () => subscriber(server, claimProject.id));
  onCleanup(() => subs.forEach((s) => s.close()));
  for (let w = 0; w < 50 && subs.some((s) => s.warm === 0); w++) {
    await setup.trpc.task.comment.mutate({ id: target.id, body: `warm:${w}` });
    await until(() => subs.every((s) => s.warm > 0), 250);
  }
  if (subs.some((s) => s.warm === 0)) throw new Error(`${subs.filter((s) => s.warm === 0).length} subscribers never went live`);

  const claimClients = Array.from({ length: CLAIMERS }, () => newClient(server));
  onCleanup(() => claimClients.forEach((c) => c.close()));
  await Promise.all(claimClients.map((c) => c.trpc.project.get.query({ id: claimProject.id })));
  const window = { open: false, stop: false };
  const claimers = claimClients.map((c, i) => claimer(c, claimProject.id, `claimer-${i}`, window));

  // The ticker: one comment at a time, SPACING_MS apart, for as long as the output runs.
  const ticker = newClient(server);
  onCleanup(() => ticker.close());
  const sentAt = new Map();
  const ticking = (async () => {
    for (let n = 0; n < MAX_TICKS && !window.stop; n++) {
      const body = `tick:${n}`;
      sentAt.set(body, performance.now());
      await ticker.trpc.task.comment.mutate({ id: target.id, body });
      await sleep(SPACING_MS);
    }
  })();

  log(`${SESSIONS} sessions × ${SESSION_MB} MB, ${CLAIMERS} claimers, ${SUBSCRIBERS} subscribers`);
  const meter = cpuMeter({ server: () => pidCpuMs(server.child.pid), benchProcess: () => pidCpuMs(process.pid), postgres: postgresCpuMs });
  window.open = true;
  const t0 = performance.now();
  const outputs = await Promise.all(
    sessionTasks.map(async (task) => {
      const session = await setup.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: `stty -opost -echo; cat ${file}` });
      return followOutput(setup, session.id, expected);
    }),
  );
  const seconds = (Math.max(...outputs.map((o) => o.at)) - t0) / 1000;
  window.open = false;
  const cpu = meter.stop();
  window.stop = true;
  const claimResults = await Promise.all(claimers);
  await ticking;
  const ticks = [...sentAt.keys()];
  const complete = await until(() => subs.every((s) => ticks.every((t) => s.arrivals.has(t))), 30_000);

  const latencies = [];
  for (const s of subs) for (const [body, at] of s.arrivals) if (sentAt.has(body)) latencies.push(at - sentAt.get(body));
  const claims = claimResults.reduce((n, r) => n + r.claims, 0);
  const totalMB = (SESSIONS * BYTES) / 2 ** 20;
  const outputMBps = round(totalMB / seconds, 2);
  const claimsPerSecond = round(claims / seconds, 1);
  const ratio = pgbench ? round(claimsPerSecond / pgbench.tps, 3) : null;
  const latencyMs = summarize(latencies);
  const byteExact = outputs.every((o) => o.exact);
  return {
    ok: byteExact && complete,
    config: { sessions: SESSIONS, sessionMB: SESSION_MB, claimers: CLAIMERS, subscribers: SUBSCRIBERS, spacingMs: SPACING_MS, tasks: TASKS },
    seconds: round(seconds, 2),
    output: {
      totalMB,
      aggregateMBps: outputMBps,
      byteExact,
      sessionsExact: outputs.filter((o) => o.exact).length,
      notExact: outputs.filter((o) => !o.exact).map((o) => ({ session: o.sessionId, bytes: o.bytes, ended: o.ended })),
    },
    claims: { claims, claimsPerSecond, ratioToPgbenchTps: ratio, ranOutOfTasks: claimResults.some((r) => r.ranOut) },
    events: { ticks: ticks.length, deliveriesComplete: complete, latencyMs, subscriptionErrors: subs.flatMap((s) => s.errors).slice(0, 5) },
    cpuMs: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(v)])),
    cpuMsPerMB: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(v / totalMB, 1)])),
    baseline: { pgbench },
    goals: {
      outputMBps: { goal: 20, met: outputMBps >= 20 },
      claimsRatio: { goal: 0.3, met: ratio !== null && ratio >= 0.3 },
      eventP99Ms: { goal: 50, met: latencyMs.p99 <= 50 },
    },
  };
});
