/**
 * Runs every bench/*.bench.mjs in turn, each as its own process (own process
 * group, so a timeout also takes down any server it started), collects the
 * JSON each prints on stdout, writes bench/results/latest.json and prints the
 * combined document. Exits 1 when a bench crashed or reported `ok: false`
 * (a broken invariant such as a double claim); timings never fail a run.
 *
 * Usage: node bench/run-all.mjs [name-filter ...]   (e.g. `claim` runs claim-race only;
 * the soak runs only when named, and needs BENCH_TIMEOUT_S above its minutes)
 * Env: BENCH_TIMEOUT_S (per bench, default 900).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = join(BENCH_DIR, '..');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 900) * 1000;
const filters = process.argv.slice(2);

/** Benches too long for a full run (the 30-minute soak): they run only when a filter names them. */
const ON_REQUEST = new Set(['soak.bench.mjs']);

const files = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => (filters.length === 0 ? !ON_REQUEST.has(f) : filters.some((needle) => f.includes(needle))))
  .sort();

let current = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // The bench cleans up (drops databases, stops servers) on SIGTERM.
    if (current?.pid) process.kill(-current.pid, 'SIGTERM');
    setTimeout(() => process.exit(130), 20_000).unref();
  });
}

/** The bench's stdout is one JSON document; anything before it is tolerated. */
function parseResult(stdout) {
  const text = stdout.trim();
  try {
    return JSON.parse(text);
  } catch {
    const start = text.indexOf('\n{');
    if (start >= 0) return JSON.parse(text.slice(start + 1));
    throw new Error('no JSON document on stdout');
  }
}

function runOne(file) {
  return new Promise((resolve) => {
    const started = performance.now();
    // `--import tsx` lets a bench import workspace TypeScript statically.
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, file)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    current = child;
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    const timer = setTimeout(() => {
      timedOut = true;
      process.stderr.write(`run-all: ${file} exceeded ${TIMEOUT_MS / 1000} s; stopping it\n`);
      process.kill(-child.pid, 'SIGTERM');
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 20_000).unref();
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      const entry = { file, exitCode: code, signal, timedOut, seconds: Math.round(performance.now() - started) / 1000 };
      try {
        entry.result = parseResult(stdout);
      } catch (error) {
        entry.error = `${error.message}; stdout was: ${stdout.slice(0, 2000)}`;
      }
      resolve(entry);
    });
  });
}

const startedAt = new Date().toISOString();
const runs = [];
for (const file of files) {
  process.stderr.write(`\nrun-all: ${file}\n`);
  runs.push(await runOne(file));
}

const ok = (r) => r.exitCode === 0 && !r.timedOut && r.result && r.result.ok !== false;
const doc = {
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverage1mAtEnd: Math.round(loadavg()[0] * 100) / 100,
  },
  ok: runs.every(ok),
  benches: Object.fromEntries(
    runs.map((r) => [
      r.file.replace(/\.bench\.mjs$/, ''),
      {
        exitCode: r.exitCode,
        seconds: r.seconds,
        ...(r.timedOut ? { timedOut: true } : {}),
        ...(r.error ? { error: r.error } : {}),
        ...(r.result ? { result: r.result } : {}),
      },
    ]),
  ),
};
const resultsDir = join(BENCH_DIR, 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
process.stderr.write(`\nrun-all: ${runs.filter(ok).length}/${runs.length} benches ok; wrote bench/results/latest.json\n`);
process.exitCode = doc.ok ? 0 : 1;
