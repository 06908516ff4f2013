import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForHealth } from '@maestro/server/testing';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The command line of a live process, or null once it is gone. */
function cmdline(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

/** Direct children of `pid` whose command line contains `match`. */
export function childPids(pid: number, match: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && cmdline(Number(entry))?.includes(match)) out.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Supervised {
  url: string;
  port: number;
  dataDir: string;
  token(): string;
  child: ChildProcess;
  log(): string;
  exited: Promise<number | null>;
  serverPid(): number | undefined;
  runnerPid(): number | undefined;
  /** Waits until the log has `text` at least `times` times. */
  waitForLog(text: string, times?: number, timeoutMs?: number): Promise<void>;
}

/** `node scripts/start.mjs` as `npm start` runs it (after its build step), on a free port and fresh directories. */
export async function startSupervisor(env: Record<string, string> = {}, opts: { waitHealthy?: boolean } = {}): Promise<Supervised> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-sup-'));
  let log = '';
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: String(port),
      HOST: '127.0.0.1',
      MAESTRO_DATA_DIR: join(dataDir, 'data'),
      MAESTRO_RUNNER_DIR: join(dataDir, 'runner'),
      MAESTRO_RUNNER_LEASE_MS: '3000',
      MAESTRO_SHUTDOWN_GRACE_MS: '1000',
      LOG_LEVEL: 'warn',
      // The dashboard has its own tests; loading Next in every supervised server only slows these down.
      MAESTRO_WEB: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const sup: Supervised = {
    url,
    port,
    dataDir,
    child,
    exited,
    log: () => log,
    token: () => readFileSync(join(dataDir, 'data', 'token'), 'utf8').trim(),
    serverPid: () => childPids(child.pid!, 'apps/server/dist/main.js')[0],
    runnerPid: () => childPids(child.pid!, 'packages/runner/dist/main.js')[0],
    waitForLog: (text, times = 1, timeoutMs = 60_000) =>
      until(`"${text}" ×${times} in the supervisor's output:\n${log}`, () => log.split(text).length - 1 >= times, timeoutMs).then(() => undefined),
  };
  if (opts.waitHealthy !== false) await waitForHealth(url, 120_000);
  return sup;
}
