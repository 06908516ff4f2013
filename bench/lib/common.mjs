import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Progress goes to stderr; stdout carries only the one JSON result. */
export function log(...parts) {
  process.stderr.write(`[${new Date().toISOString().slice(11, 23)}] ${parts.join(' ')}\n`);
}

export function intList(value, fallback) {
  if (!value) return fallback;
  const list = value.split(',').map((s) => Number.parseInt(s.trim(), 10));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`expected a comma-separated list of positive integers, got "${value}"`);
  return list;
}

export function intEnv(name, fallback) {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

export function round(value, digits = 2) {
  if (!Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Nearest-rank percentiles of a sample, in the sample's unit. */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return { n: 0 };
  const at = (p) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n,
    min: round(sorted[0]),
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    max: round(sorted[n - 1]),
    mean: round(sum / n),
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Cleanup that runs on success, on a thrown error and on SIGINT/SIGTERM.
 * Child processes are also SIGKILLed synchronously at exit as a last resort.
 */
const cleanups = [];
const children = new Set();
let cleaning = null;

export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Once cleanup has begun (a signal arrived), nothing new may be started: it would outlive the cleanup. */
export function assertRunning() {
  if (cleaning) throw new Error('bench is stopping');
}

/**
 * Last resort for a child whose handle we never got (a server still starting
 * when a signal came): our own direct children, found by parent pid in /proc.
 */
function killOwnChildren(signal) {
  if (!existsSync('/proc')) return 0;
  let n = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) {
        process.kill(Number(entry), signal);
        n++;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return n;
}

export function trackChild(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export function runCleanups() {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (error) {
        log('cleanup step failed:', error instanceof Error ? error.message : String(error));
      }
    }
    if (killOwnChildren('SIGTERM') > 0) {
      await sleep(1_000);
      killOwnChildren('SIGKILL');
    }
  })();
  return cleaning;
}

process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  killOwnChildren('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    // A second signal, or cleanup hanging, must not leave the bench alive.
    setTimeout(() => process.exit(130), 15_000).unref();
    void runCleanups().finally(() => process.exit(130));
  });
}

/** Runs a bench body, prints its JSON result on stdout, always cleans up. */
export async function runBench(name, body) {
  const startedAt = new Date().toISOString();
  const machineAtStart = machine();
  let result;
  let exitCode = 0;
  try {
    result = await body();
    if (result?.ok === false) exitCode = 1;
  } catch (error) {
    log(`${name} failed:`, error instanceof Error ? (error.stack ?? error.message) : String(error));
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    exitCode = 1;
  } finally {
    await runCleanups();
  }
  const doc = { bench: name, startedAt, finishedAt: new Date().toISOString(), machineAtStart, machineAtEnd: machine(), ...result };
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  process.exitCode = exitCode;
}

export function machine() {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    /** Other work on the machine skews every figure; the 1-minute load says how much there was. */
    loadAverage1m: round(loadavg()[0], 2),
  };
}

export function baseDatabaseUrl() {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A throwaway database on the server named by DATABASE_URL, dropped at cleanup
 * (WITH (FORCE) so connections a crashed child left open do not block it).
 */
export async function createScratchDatabase(prefix = 'maestro_bench') {
  assertRunning();
  const base = baseDatabaseUrl();
  const host = new URL(base).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`benches only run against a loopback Postgres; DATABASE_URL points at ${host}`);
  }
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    log(`dropped database ${name}`);
  };
  onCleanup(drop);
  const [{ version }] = await admin`select current_setting('server_version') as version`;
  log(`created database ${name}`);
  return { name, url: withDatabase(base, name), serverVersion: version };
}

function libpqArgs(url) {
  const u = new URL(url);
  const args = ['-h', u.hostname, '-p', u.port || '5432'];
  if (u.username) args.push('-U', decodeURIComponent(u.username));
  return { args, dbname: u.pathname.slice(1), password: u.password ? decodeURIComponent(u.password) : undefined };
}

function run(file, args, env) {
  assertRunning();
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
    trackChild(child);
  });
}

/** `pgbench -i -s <scale>` on a database of its own. */
export async function initPgbench(scale = 1) {
  const db = await createScratchDatabase('maestro_bench_pgbench');
  const { args, dbname, password } = libpqArgs(db.url);
  await run('pgbench', ['-i', '-q', '-s', String(scale), ...args, dbname], password ? { PGPASSWORD: password } : {});
  return db;
}

/** One pgbench run; `mode` '-N' is the simple-update (TPC-B without branch/teller updates) script. */
export async function runPgbench(db, { clients, threads, seconds, mode = '-N' }) {
  const { args, dbname, password } = libpqArgs(db.url);
  const argv = ['-c', String(clients), '-j', String(threads), '-T', String(seconds), mode, ...args, dbname];
  const { stdout } = await run('pgbench', argv, password ? { PGPASSWORD: password } : {});
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  const latency = /latency average = ([\d.]+) ms/.exec(stdout);
  const tx = /number of transactions actually processed: (\d+)/.exec(stdout);
  if (!tps) throw new Error(`could not parse pgbench output:\n${stdout}`);
  return {
    command: `pgbench ${argv.slice(0, argv.length - args.length - 1).join(' ')}`,
    clients,
    tps: round(Number(tps[1]), 1),
    latencyMs: latency ? Number(latency[1]) : null,
    transactions: tx ? Number(tx[1]) : null,
  };
}

/** Polls `predicate` every 20 ms; false if it still does not hold after `timeoutMs`. */
export async function until(predicate, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}
