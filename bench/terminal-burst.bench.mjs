/**
 * Terminal burst: a session prints 20 MB of coloured log lines into a session
 * page open in Chromium (the dashboard's production build). Reports the time
 * from the burst's start until the page's terminal has written and parsed the
 * last byte (MB/s), the longest task on the page's main thread and the longest
 * gap between animation frames while it ran (the page stays responsive).
 *
 * Baseline in the same run and session: a Node subscriber of `session.onOutput`
 * receiving the same bytes (delivery alone, no browser).
 *
 * Env: BENCH_BURST_MB (20), BENCH_TERMINAL_RUNS (3), MAESTRO_WEB_DIST_DIR (the
 * dashboard build to serve, `.next` by default; build it first), CHROMIUM_PATH
 * (/usr/bin/chromium), BENCH_RENDERER (`auto` default: the page picks WebGL on a
 * hardware GPU, else DOM; `dom` or `webgl` force one).
 * Goals from the issue: ≥ 5 MB/s, no long task over 200 ms.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { intEnv, log, onCleanup, round, runBench, summarize } from './lib/common.mjs';
import { startRunner } from './lib/runner.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const MB = intEnv('BENCH_BURST_MB', 20);
const RUNS = intEnv('BENCH_TERMINAL_RUNS', 3);
const RENDERER = ['dom', 'webgl'].includes(process.env.BENCH_RENDERER) ? process.env.BENCH_RENDERER : 'auto';

/** Agent-like output: coloured, varied lines (~100 bytes each), not random bytes (which no agent prints). */
function burstFile(bytes) {
  const colours = ['32', '33', '34', '35', '36', '1;31', '2'];
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const c = colours[i % colours.length];
    const line = `\x1b[${c}m[${String(i).padStart(7, '0')}]\x1b[0m compiling module ${i % 997} · ${'abcdefghij'.repeat(1 + (i % 6))} \x1b[1mok\x1b[0m\n`;
    parts.push(line);
    size += Buffer.byteLength(line);
  }
  return parts.join('');
}

/** Installed before the page loads: long tasks and a frame log (when each frame ran). */
function instrument() {
  window.__bench = { longTasks: [], frames: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const tick = (t) => {
    window.__bench.frames.push(t);
    if (window.__bench.frames.length > 200_000) window.__bench.frames.splice(0, 100_000);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Resolves (in page time) when the terminal has parsed `target` bytes and nothing is pending. */
function waitRendered({ id, target }) {
  return new Promise((resolve) => {
    const check = () => {
      const probe = window.__maestroTerminals?.[id];
      if (probe && probe.bytesWritten() >= target && probe.caughtUp())
        resolve({ at: performance.now(), renderer: probe.renderer(), bytes: probe.bytesWritten() });
      else requestAnimationFrame(check);
    };
    check();
  });
}

async function oneRun({ client, browser, server, projectId, file, run }) {
  const task = await client.trpc.task.create.mutate({ projectId, title: `terminal burst ${run}` });
  // Waits for a line on its terminal, so the page is open and subscribed before the burst starts.
  const session = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: `read -r go; cat ${file}`, name: `burst-${run}` });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(`${server.url}/?token=${encodeURIComponent(server.token)}`);
  const query = RENDERER === 'auto' ? '' : `?renderer=${RENDERER}`;
  await page.goto(`${server.url}/p/${projectId}/sessions/${session.id}${query}`);
  await page.waitForFunction((id) => window.__maestroTerminals?.[id] !== undefined, session.id, { timeout: 60_000 });
  for (;;) {
    const s = await client.trpc.session.get.query({ id: session.id });
    if (s.status === 'active') break;
    if (s.status !== 'spawning') throw new Error(`session ${s.id} is ${s.status}: ${s.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  // Delivery baseline: a Node subscriber of the same stream, from now on.
  const startSeq = (await client.trpc.session.output.query({ id: session.id, tail: true, limit: 1 })).lastSeq ?? -1;
  let nodeLastAt = 0;
  const nodeDone = new Promise((resolve, reject) => {
    const sub = client.trpc.session.onOutput.subscribe(
      { id: session.id, afterSeq: startSeq },
      { onData: () => (nodeLastAt = performance.now()), onComplete: resolve, onError: reject },
    );
    onCleanup(() => sub.unsubscribe());
  });

  const pageT0 = await page.evaluate(() => performance.now());
  const nodeT0 = performance.now();
  await client.trpc.session.sendInput.mutate({ id: session.id, data: 'go\n' });
  await nodeDone;
  const stored = await client.trpc.session.output.query({ id: session.id, tail: true, limit: 1 });
  const rendered = await page.evaluate(waitRendered, { id: session.id, target: stored.totalBytes });
  const stats = await page.evaluate(
    ({ t0, t1 }) => {
      const frames = window.__bench.frames.filter((t) => t >= t0 && t <= t1);
      let maxGap = 0;
      for (let i = 1; i < frames.length; i++) maxGap = Math.max(maxGap, frames[i] - frames[i - 1]);
      const longTasks = window.__bench.longTasks.filter((e) => e.start + e.duration >= t0 && e.start <= t1).map((e) => e.duration);
      return { maxFrameGapMs: maxGap, frames: frames.length, longTasks };
    },
    { t0: pageT0, t1: rendered.at },
  );
  await context.close();
  const seconds = (rendered.at - pageT0) / 1000;
  // Everything the terminal printed (the burst plus the echoed "go"): what the page had to render.
  const burstMB = stored.totalBytes / 2 ** 20;
  return {
    seconds,
    mbps: burstMB / seconds,
    deliveryMbps: burstMB / ((nodeLastAt - nodeT0) / 1000),
    renderer: rendered.renderer,
    longestTaskMs: stats.longTasks.length ? Math.max(...stats.longTasks) : 0,
    longTasksOver200: stats.longTasks.filter((d) => d > 200).length,
    maxFrameGapMs: stats.maxFrameGapMs,
    bytes: stored.totalBytes,
  };
}

await runBench('terminal-burst', async () => {
  const file = join(tmpdir(), `maestro-terminal-burst-${process.pid}.txt`);
  writeFileSync(file, burstFile(MB * 1024 * 1024));
  onCleanup(() => rmSync(file, { force: true }));

  // spawnServer turns the dashboard off unless asked.
  const server = await startServer({ LOG_LEVEL: 'warn', MAESTRO_WEB: 'auto', MAESTRO_WEB_DIST_DIR: process.env.MAESTRO_WEB_DIST_DIR ?? '.next' });
  await startRunner(server);
  const client = clientPkg.createNodeClient({ url: server.url, token: server.token });
  onCleanup(() => client.close());
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  onCleanup(() => browser.close());
  const project = await client.trpc.project.create.mutate({ name: 'bench-terminal-burst', workingDir: tmpdir() });

  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const r = await oneRun({ client, browser, server, projectId: project.id, file, run });
    runs.push(r);
    log(
      `run ${run + 1}/${RUNS}: ${round(r.mbps)} MB/s rendered (${r.renderer}), delivery ${round(r.deliveryMbps)} MB/s, longest task ${round(r.longestTaskMs)} ms, max frame gap ${round(r.maxFrameGapMs)} ms`,
    );
  }
  const mbps = summarize(runs.map((r) => r.mbps)).p50;
  const longest = Math.max(...runs.map((r) => r.longestTaskMs));
  return {
    ok: true,
    megabytes: MB,
    runs: RUNS,
    renderer: runs.map((r) => r.renderer),
    bytesPerRun: runs.map((r) => r.bytes),
    renderedMBps: mbps,
    renderedMBpsEachRun: runs.map((r) => round(r.mbps)),
    secondsEachRun: runs.map((r) => round(r.seconds)),
    baselineDeliveryMBps: summarize(runs.map((r) => r.deliveryMbps)).p50,
    longestTaskMs: round(longest),
    longTasksOver200Ms: runs.reduce((n, r) => n + r.longTasksOver200, 0),
    maxFrameGapMsEachRun: runs.map((r) => round(r.maxFrameGapMs)),
    goals: { minMBps: 5, metThroughput: mbps >= 5, maxLongTaskMs: 200, metLongTasks: longest <= 200 },
  };
});
