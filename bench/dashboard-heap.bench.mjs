/**
 * Dashboard heap under live load: a board open in Chromium while a script
 * makes ~20 changes/s for N minutes (default 10). Every minute the page's JS
 * heap is measured after a forced GC (CDP HeapProfiler.collectGarbage, then
 * Runtime.getHeapUsage), with the DOM counters (Memory.getDOMCounters). Long
 * tasks (PerformanceObserver 'longtask') are collected in the page: the count
 * over 200 ms and the longest. Goal from the issue: heap after GC at the end
 * no larger than at minute 1 beyond noise, and no long task over 200 ms.
 *
 * The project's size is held steady (every created task is later deleted), so
 * a growing heap means something is kept that should not be, not more data.
 * Baseline, same run: the heap of the same page right after it loaded, and the
 * heap of the projects page (no project stream) at the start.
 *
 * Usage: node bench/dashboard-heap.bench.mjs [--minutes N]
 * Env: BENCH_HEAP_MINUTES (10), BENCH_HEAP_RATE (changes/s, 20), BENCH_HEAP_TASKS (300 to start with),
 * MAESTRO_WEB_DIST_DIR (the dashboard build to serve, `.next` by default: run `npm run build` first),
 * CHROMIUM_PATH (/usr/bin/chromium).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { intEnv, log, onCleanup, REPO_ROOT, round, runBench, sleep, summarize } from './lib/common.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

function minutesArg() {
  const i = process.argv.indexOf('--minutes');
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--minutes='))?.split('=')[1];
  if (raw === undefined) return intEnv('BENCH_HEAP_MINUTES', 10);
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--minutes must be a positive number, got "${raw}"`);
  return n;
}

const MINUTES = minutesArg();
const RATE = intEnv('BENCH_HEAP_RATE', 20);
const START_TASKS = intEnv('BENCH_HEAP_TASKS', 300);
const DIST_DIR = process.env.MAESTRO_WEB_DIST_DIR ?? '.next';
const MiB = 2 ** 20;

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

/** Heap after a full GC, and what the DOM holds. */
async function measure(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { usedMiB: round(heap.usedSize / MiB, 2), totalMiB: round(heap.totalSize / MiB, 2), domNodes: dom.nodes, listeners: dom.jsEventListeners };
}

/**
 * The load: `workers` loops sharing one schedule of RATE changes per second —
 * mostly renames and priority changes of existing tasks, some comments, and
 * creates each followed (later) by a delete so the project's size stays level.
 */
function startLoad(api, projectId, taskIds) {
  const PRIORITIES = ['urgent', 'high', 'medium', 'low'];
  const created = [];
  const counts = { update: 0, comment: 0, create: 0, delete: 0, errors: 0 };
  const errorsByCode = {};
  const latencies = [];
  let n = 0;
  let stopped = false;
  const t0 = performance.now();
  const one = async (i) => {
    const kind = i % 10;
    const id = taskIds[i % taskIds.length];
    const started = performance.now();
    try {
      if (kind === 0) {
        created.push((await api.task.create.mutate({ projectId, title: `Churn ${i}` })).id);
        counts.create++;
      } else if (kind === 5 && created.length > 0) {
        await api.task.delete.mutate({ id: created.shift() });
        counts.delete++;
      } else if (kind === 3 || kind === 7) {
        await api.task.comment.mutate({ id, body: `Comment ${i}` });
        counts.comment++;
      } else {
        await api.task.update.mutate({ id, title: `Task ${i % taskIds.length} rev ${i}`, priority: PRIORITIES[i % 4] });
        counts.update++;
      }
      latencies.push(performance.now() - started);
    } catch (error) {
      counts.errors++;
      const code = error?.data?.maestro?.code ?? error?.message ?? 'unknown';
      errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
    }
  };
  const worker = async () => {
    while (!stopped) {
      const i = n++;
      // Each change has its slot on one shared clock; a worker that is late does not sleep.
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (stopped) break;
      await one(i);
    }
  };
  const workers = Array.from({ length: 6 }, worker);
  return {
    async stop() {
      stopped = true;
      await Promise.all(workers);
      const seconds = (performance.now() - t0) / 1000;
      const made = counts.update + counts.comment + counts.create + counts.delete;
      return {
        changesMade: made,
        seconds: round(seconds, 1),
        changesPerSecond: round(made / seconds, 2),
        counts,
        errorsByCode,
        mutationLatencyMs: summarize(latencies),
      };
    },
  };
}

await runBench('dashboard-heap', async () => {
  const webDir = join(REPO_ROOT, 'apps/web');
  if (!existsSync(join(webDir, DIST_DIR, 'BUILD_ID'))) {
    throw new Error(`no dashboard build in apps/web/${DIST_DIR}: run \`npm run build -w @maestro/web\` (or set MAESTRO_WEB_DIST_DIR)`);
  }
  log(`server with the dashboard (${DIST_DIR}), ${MINUTES} min at ${RATE} changes/s`);
  const server = await startServer({ MAESTRO_WEB: 'auto', MAESTRO_WEB_DIST_DIR: DIST_DIR });
  const client = clientPkg.createNodeClient({ url: server.url, token: server.token });
  onCleanup(() => client.close());
  const api = client.trpc;
  const project = await api.project.create.mutate({ name: 'Heap bench', workingDir: mkdtempSync(join(tmpdir(), 'maestro-bench-heap-')) });
  const taskIds = [];
  for (let i = 0; i < START_TASKS; i++) taskIds.push((await api.task.create.mutate({ projectId: project.id, title: `Task ${i}`, priority: 'medium' })).id);
  log(`${START_TASKS} tasks created`);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  onCleanup(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__longTasks = { count50: 0, count200: 0, maxMs: 0, over200: [] };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const t = w.__longTasks;
        t.count50++;
        t.maxMs = Math.max(t.maxMs, entry.duration);
        if (entry.duration > 200) {
          t.count200++;
          if (t.over200.length < 50) t.over200.push({ atMs: Math.round(entry.startTime), ms: Math.round(entry.duration) });
        }
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${server.url}/?token=${encodeURIComponent(server.token)}`);
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
  const projectsPage = await measure(cdp);

  const loadStarted = performance.now();
  await page.goto(`${server.url}/p/${project.id}`);
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
  await page
    .getByText(/^Task \d+$/)
    .first()
    .waitFor({ timeout: 60_000 });
  const boardReadyMs = performance.now() - loadStarted;
  const afterLoad = await measure(cdp);
  log(`board ready in ${Math.round(boardReadyMs)} ms, heap ${afterLoad.usedMiB} MiB`);
  const longTasksAtLoad = await page.evaluate(() => ({ ...window.__longTasks }));
  await page.evaluate(() => {
    const t = window.__longTasks;
    Object.assign(t, { count50: 0, count200: 0, maxMs: 0, over200: [] });
  });

  const load = startLoad(api, project.id, taskIds);
  const samples = [];
  const start = performance.now();
  for (let minute = 1; minute <= Math.ceil(MINUTES); minute++) {
    const due = start + Math.min(minute, MINUTES) * 60_000;
    await sleep(Math.max(0, due - performance.now()));
    const m = await measure(cdp);
    const state = await page.getAttribute('[data-testid="connection-status"]', 'data-state');
    samples.push({ minute: round((performance.now() - start) / 60_000, 2), ...m, connection: state });
    log(`minute ${minute}: heap ${m.usedMiB} MiB, ${m.domNodes} DOM nodes, ${m.listeners} listeners, ${state}`);
  }
  const loadResult = await load.stop();
  const longTasks = await page.evaluate(() => window.__longTasks);

  // The page kept up: its live store has the last rename the script made (found through the palette, which reads it).
  const lastRename = (await api.task.get.query({ id: taskIds[1] })).title;
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(lastRename);
  const caughtUp = await page
    .locator(`[data-entry="task:${taskIds[1]}"]`)
    .filter({ hasText: lastRename })
    .waitFor({ timeout: 15_000 })
    .then(() => true)
    .catch(() => false);

  const first = samples[0];
  const last = samples.at(-1);
  const growthMiB = first && last ? last.usedMiB - first.usedMiB : null;
  return {
    ok: true,
    config: { minutes: MINUTES, targetChangesPerSecond: RATE, startTasks: START_TASKS, distDir: DIST_DIR, page: 'board /p/:id' },
    load: loadResult,
    boardReadyMs: round(boardReadyMs, 0),
    baseline: { projectsPageHeap: projectsPage, boardHeapAfterLoad: afterLoad, longTasksDuringLoad: longTasksAtLoad },
    samples,
    heapAtMinute1MiB: first?.usedMiB ?? null,
    heapAtEndMiB: last?.usedMiB ?? null,
    growthMiB: growthMiB === null ? null : round(growthMiB, 2),
    growthPct: growthMiB === null || !first ? null : round((growthMiB / first.usedMiB) * 100, 1),
    slopeMiBPerMinute: round(slope(samples.map((s) => ({ x: s.minute, y: s.usedMiB }))) ?? NaN, 3),
    longTasks: { over50ms: longTasks.count50, over200ms: longTasks.count200, maxMs: round(longTasks.maxMs, 0), firstOver200: longTasks.over200 },
    pageCaughtUp: caughtUp,
    stayedConnected: samples.every((s) => s.connection === 'connected'),
  };
});
