/**
 * Event latency: from the call of a mutation to its event's arrival at each of
 * 100 WebSocket subscribers (100 separate clients on `events.onEvent` for the
 * project). Cases: one server on Postgres; two servers on one Postgres
 * (subscribers split over both, mutations to the first, so half the
 * deliveries cross processes through LISTEN/NOTIFY); one server on PGlite.
 * Baseline, same run and server: round trip of `/health` and `project.list`.
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_SUBSCRIBERS (100), BENCH_MUTATIONS (200), BENCH_SPACING_MS (20),
 * BENCH_PACING ("ack" or "open"), BENCH_CASES ("postgres-1,postgres-2,pglite-1").
 */
import { Agent, request } from 'node:http';
import { until, createScratchDatabase, intEnv, log, round, runBench, sleep, summarize } from './lib/common.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const SUBSCRIBERS = intEnv('BENCH_SUBSCRIBERS', 100);
const MUTATIONS = intEnv('BENCH_MUTATIONS', 200);
const SPACING_MS = intEnv('BENCH_SPACING_MS', 20);
/**
 * ack: the next mutation goes SPACING_MS after the previous one was sent and not before it was
 * answered (one in flight: latency, not queueing). open: strictly every SPACING_MS (open loop;
 * past the server's capacity the figures measure the queue).
 */
const PACING = process.env.BENCH_PACING ?? 'ack';
const CASES = (process.env.BENCH_CASES ?? 'postgres-1,postgres-2,pglite-1').split(',').map((c) => c.trim());
const BASELINE_CALLS = 200;
const DELIVERY_TIMEOUT_MS = 30_000;
const TOKEN = `bench-token-${Math.random().toString(36).slice(2)}-event-latency`;

function getHealth(url, agent) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/health`, { agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`/health answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sequential round trips over one keep-alive connection, after a short warm-up, before anyone subscribes. */
async function baseline(server, taskId) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const c = clientPkg.createNodeClient({ url: server.url, token: server.token });
  const time = async (fn) => {
    for (let i = 0; i < 20; i++) await fn();
    const samples = [];
    for (let i = 0; i < BASELINE_CALLS; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    return summarize(samples);
  };
  try {
    return {
      healthRttMs: await time(() => getHealth(server.url, agent)),
      projectListRttMs: await time(() => c.trpc.project.list.query()),
      // The measured mutation itself, alone and unobserved: latency minus this is the cost of delivery.
      commentRttMs: await time(() => c.trpc.task.comment.mutate({ id: taskId, body: 'baseline' })),
    };
  } finally {
    agent.destroy();
    c.close();
  }
}

/** One subscriber = one client with its own WebSocket; records when each numbered comment arrives. */
function subscribe(server, projectId, index) {
  const c = clientPkg.createNodeClient({ url: server.url, token: server.token });
  const arrivals = new Float64Array(MUTATIONS).fill(Number.NaN);
  const state = { index, server: server.url, arrivals, received: 0, duplicates: 0, warm: 0, errors: [] };
  const sub = c.trpc.events.onEvent.subscribe(
    { projectId },
    {
      onData: (envelope) => {
        const now = performance.now();
        const event = envelope.data;
        if (event.type !== 'task:commented') return;
        const body = event.payload.body;
        if (body.startsWith('warm:')) state.warm++;
        const seq = body.startsWith('seq:') ? Number(body.slice(4)) : -1;
        if (seq < 0 || seq >= MUTATIONS) return;
        if (Number.isNaN(arrivals[seq])) {
          arrivals[seq] = now;
          state.received++;
        } else state.duplicates++;
      },
      onError: (error) => state.errors.push(error instanceof Error ? error.message : String(error)),
    },
  );
  state.close = () => {
    sub.unsubscribe();
    c.close();
  };
  return state;
}

/** Runs one case: subscribers spread round-robin over `servers`, mutations sent to servers[0]. */
async function measure(name, servers) {
  const sender = clientPkg.createNodeClient({ url: servers[0].url, token: servers[0].token });
  const subs = [];
  try {
    const project = await sender.trpc.project.create.mutate({ name: `latency ${name} ${Date.now()}`, workingDir: '/tmp' });
    const task = await sender.trpc.task.create.mutate({ projectId: project.id, title: 'latency target' });
    const base = await baseline(servers[0], task.id);
    for (let i = 0; i < SUBSCRIBERS; i++) subs.push(subscribe(servers[i % servers.length], project.id, i));
    // A subscription reports "started" before its stream has joined the bus; warm-up comments
    // until every subscriber has received one prove each is live before timing starts.
    let warmups = 0;
    for (; warmups < 50 && subs.some((s) => s.warm === 0); warmups++) {
      await sender.trpc.task.comment.mutate({ id: task.id, body: `warm:${warmups}` });
      await until(() => subs.every((s) => s.warm > 0), 250);
    }
    if (subs.some((s) => s.warm === 0)) throw new Error(`${subs.filter((s) => s.warm === 0).length} subscribers never went live`);
    await sleep(200);

    log(
      `${name}: ${SUBSCRIBERS} subscribers live after ${warmups} warm-up comment(s); sending ${MUTATIONS} mutations ${SPACING_MS} ms apart (pacing: ${PACING})`,
    );
    const sentAt = new Float64Array(MUTATIONS);
    const ackMs = [];
    const calls = [];
    const t0 = performance.now();
    for (let seq = 0; seq < MUTATIONS; seq++) {
      const target = PACING === 'open' ? t0 + seq * SPACING_MS : (sentAt[seq - 1] ?? t0) + (seq === 0 ? 0 : SPACING_MS);
      const wait = target - performance.now();
      if (wait > 0) await sleep(wait);
      sentAt[seq] = performance.now();
      const call = sender.trpc.task.comment.mutate({ id: task.id, body: `seq:${seq}` }).then(() => ackMs.push(performance.now() - sentAt[seq]));
      calls.push(call);
      if (PACING === 'ack') await call;
    }
    const sendSeconds = (performance.now() - t0) / 1000;
    await Promise.all(calls);
    const expected = MUTATIONS * SUBSCRIBERS;
    const complete = await until(() => subs.reduce((n, s) => n + s.received, 0) === expected, DELIVERY_TIMEOUT_MS);
    const lastArrival = Math.max(...subs.map((s) => Math.max(...Array.from(s.arrivals).filter((v) => !Number.isNaN(v)))));

    const latency = (group) => {
      const out = [];
      for (const s of group) for (let seq = 0; seq < MUTATIONS; seq++) if (!Number.isNaN(s.arrivals[seq])) out.push(s.arrivals[seq] - sentAt[seq]);
      return summarize(out);
    };
    const received = subs.reduce((n, s) => n + s.received, 0);
    const result = {
      case: name,
      servers: servers.length,
      database: name.startsWith('pglite') ? 'pglite' : 'postgres',
      subscribers: SUBSCRIBERS,
      mutations: MUTATIONS,
      spacingMs: SPACING_MS,
      pacing: PACING,
      sentMutationsPerSecond: round(MUTATIONS / sendSeconds, 1),
      deliveries: { expected, received, missing: expected - received, duplicates: subs.reduce((n, s) => n + s.duplicates, 0), complete },
      deliveriesPerSecond: round(received / ((lastArrival - t0) / 1000), 0),
      latencyMs: latency(subs),
      mutationAckMs: summarize(ackMs),
      subscriptionErrors: subs.flatMap((s) => s.errors).slice(0, 5),
      baseline: base,
    };
    if (servers.length > 1) {
      result.latencyMsSameServer = latency(subs.filter((s) => s.server === servers[0].url));
      result.latencyMsOtherServer = latency(subs.filter((s) => s.server !== servers[0].url));
    }
    result.ratioP50ToProjectListP50 = round(result.latencyMs.p50 / base.projectListRttMs.p50, 2);
    return result;
  } finally {
    for (const s of subs) s.close();
    sender.close();
  }
}

await runBench('event-latency', async () => {
  if (!['ack', 'open'].includes(PACING)) throw new Error(`BENCH_PACING must be ack or open, got ${PACING}`);
  const unknown = CASES.filter((c) => !/^postgres-[1-4]$/.test(c) && c !== 'pglite-1');
  if (unknown.length > 0) throw new Error(`unknown case(s) ${unknown.join(', ')}; use postgres-1 … postgres-4, pglite-1`);
  const results = [];
  const postgresCases = CASES.filter((c) => c.startsWith('postgres-'));
  if (postgresCases.length > 0) {
    const scratch = await createScratchDatabase();
    const env = { DATABASE_URL: scratch.url, MAESTRO_TOKEN: TOKEN };
    const servers = [];
    for (const name of postgresCases) {
      const count = Number(name.split('-')[1]);
      // Started one at a time: the first runs migrations, the rest find them applied.
      while (servers.length < count) servers.push(await startServer(env));
      results.push(await measure(name, servers.slice(0, count)));
      log(`${name}: p50 ${results.at(-1).latencyMs.p50} ms, p99 ${results.at(-1).latencyMs.p99} ms, max ${results.at(-1).latencyMs.max} ms`);
      await sleep(500);
    }
    for (const s of servers.reverse()) await s.stopServer();
  }
  if (CASES.includes('pglite-1')) {
    const server = await startServer({ MAESTRO_TOKEN: TOKEN });
    results.push(await measure('pglite-1', [server]));
    log(`pglite-1: p50 ${results.at(-1).latencyMs.p50} ms, p99 ${results.at(-1).latencyMs.p99} ms, max ${results.at(-1).latencyMs.max} ms`);
    await server.stopServer();
  }
  return {
    ok: results.every((r) => r.deliveries.missing === 0 && r.deliveries.duplicates === 0),
    config: { subscribers: SUBSCRIBERS, mutations: MUTATIONS, spacingMs: SPACING_MS, pacing: PACING, cases: CASES },
    results,
  };
});
