/**
 * Server CPU per event over a long stream (issue #15 item 1): BENCH_SUBSCRIBERS
 * (50) WebSocket clients follow a project's events while BENCH_EVENTS (10,000)
 * comments are made, BENCH_IN_FLIGHT (4) at a time. For each window of
 * BENCH_WINDOW (1,000) events, once every subscriber has received the whole
 * window, the server process's CPU ms (from /proc) per event. A leak that grows
 * per-event work (listeners piling up on a signal, a list walked per wake-up)
 * shows as a rising slope; flat is the goal.
 *
 * Baseline, same run: the first window; reported as the last window's CPU per
 * event over the first's, and the least-squares slope in CPU ms per event per
 * 1,000 events. Env: BENCH_DB (pglite | postgres), the counts above.
 */
import { until, createScratchDatabase, intEnv, log, onCleanup, round, runBench, sleep } from './lib/common.mjs';
import { pidCpuMs } from './lib/cpu.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const SUBSCRIBERS = intEnv('BENCH_SUBSCRIBERS', 50);
const EVENTS = intEnv('BENCH_EVENTS', 10_000);
const WINDOW = intEnv('BENCH_WINDOW', 1000);
const IN_FLIGHT = intEnv('BENCH_IN_FLIGHT', 4);
const DB = process.env.BENCH_DB ?? 'pglite';
const TOKEN = `bench-token-${Math.random().toString(36).slice(2)}-event-cpu-slope`;

/** Least-squares slope of ys over xs. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const num = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

await runBench('event-cpu-slope', async () => {
  if (!['pglite', 'postgres'].includes(DB)) throw new Error(`BENCH_DB must be pglite or postgres, got ${DB}`);
  const env = { MAESTRO_TOKEN: TOKEN };
  if (DB === 'postgres') env.DATABASE_URL = (await createScratchDatabase()).url;
  const server = await startServer(env);
  const sender = clientPkg.createNodeClient({ url: server.url, token: server.token });
  onCleanup(() => sender.close());
  const project = await sender.trpc.project.create.mutate({ name: `slope ${Date.now()}`, workingDir: '/tmp' });
  const task = await sender.trpc.task.create.mutate({ projectId: project.id, title: 'talked about' });

  const received = new Array(SUBSCRIBERS).fill(0);
  const subs = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const c = clientPkg.createNodeClient({ url: server.url, token: server.token });
    const sub = c.trpc.events.onEvent.subscribe(
      { projectId: project.id },
      { onData: ({ data }) => data.type === 'task:commented' && data.payload.body.startsWith('n:') && received[i]++ },
    );
    subs.push({ c, sub });
  }
  onCleanup(() => subs.forEach(({ c, sub }) => (sub.unsubscribe(), c.close())));
  // Live before counting: a warm-up comment reaches every subscriber.
  for (let w = 0; w < 50; w++) {
    await sender.trpc.task.comment.mutate({ id: task.id, body: `n:warm` });
    if (await until(() => received.every((r) => r > w), 250)) break;
  }
  const warm = Math.min(...received);
  if (warm === 0) throw new Error('subscribers never went live');

  log(`${SUBSCRIBERS} subscribers, ${EVENTS} events in windows of ${WINDOW} (${DB})`);
  const windows = [];
  let sent = 0;
  for (let w = 0; w < EVENTS / WINDOW; w++) {
    const cpu0 = pidCpuMs(server.child.pid);
    const t0 = performance.now();
    const target = sent + WINDOW;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (sent < target) {
          const n = sent++;
          await sender.trpc.task.comment.mutate({ id: task.id, body: `n:${n}` });
        }
      }),
    );
    const complete = await until(() => received.every((r) => r >= warm + target), 60_000);
    const cpuMsPerEvent = (pidCpuMs(server.child.pid) - cpu0) / WINDOW;
    windows.push({ window: w, events: target, cpuMsPerEvent: round(cpuMsPerEvent, 3), seconds: round((performance.now() - t0) / 1000, 2), complete });
    log(`window ${w + 1}: ${round(cpuMsPerEvent, 3)} CPU ms per event`);
  }
  const ys = windows.map((w) => w.cpuMsPerEvent);
  const perThousand = slope(
    windows.map((w) => w.events / 1000),
    ys,
  );
  const first = ys[0];
  const last = ys.at(-1);
  return {
    ok: windows.every((w) => w.complete),
    config: { db: DB, subscribers: SUBSCRIBERS, events: EVENTS, window: WINDOW, inFlight: IN_FLIGHT },
    windows,
    baselineFirstWindowCpuMsPerEvent: first,
    lastOverFirst: round(last / first, 2),
    slopeCpuMsPerEventPer1000Events: round(perThousand, 4),
    goal: 'flat: lastOverFirst near 1, slope near 0 (before the fix, 10.6 -> 68 ms per event after 7,500 events with 50 subscribers)',
  };
});
