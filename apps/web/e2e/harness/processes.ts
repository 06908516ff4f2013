import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import { CLI_MAIN, REPO_ROOT, RUNNER_MAIN, SERVER_MAIN } from './paths';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Every group started here, killed when this test process exits however it exits (a timed-out worker too). */
const groups = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of groups) signalGroup(child, 'SIGKILL');
});

/** A process in its own group, so stopping it never leaves a child (Next workers, agents) behind. */
function startGroup(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    // Next's types make NODE_ENV required; a child gets exactly this environment (Next sets NODE_ENV itself).
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env } as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  groups.add(child);
  child.once('exit', () => groups.delete(child));
  return { child, output: () => log };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server at ${url} never became healthy:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface MaestroServer {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  /** The URL the server prints: opening it signs the browser in. */
  signInUrl: string;
  /** A Node client with the server token, for setting up and checking state. */
  client: MaestroClient;
  output(): string;
  pid(): number;
  /** SIGKILL the server only (a crash); the runner and its agents keep running. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: a server that is alive but answers nothing (a dead path). */
  freeze(): void;
  thaw(): void;
  /** Start again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A real server (sources through tsx) serving the production dashboard build, on a free port and a fresh data directory. */
export async function startMaestro(opts: { env?: Record<string, string> } = {}): Promise<MaestroServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const distDir = process.env.MAESTRO_WEB_DIST_DIR;
  const env = {
    ...(distDir ? { MAESTRO_WEB_DIST_DIR: distDir } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
    MAESTRO_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    MAESTRO_SHUTDOWN_GRACE_MS: '500',
    ...opts.env,
  };
  let proc = startGroup(SERVER_MAIN, env);
  await waitForHealth(url, proc.output);
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  const client = createNodeClient({ url, token });
  return {
    url,
    port,
    token,
    dataDir,
    signInUrl: `${url}/?token=${encodeURIComponent(token)}`,
    client,
    output: () => proc.output(),
    pid: () => proc.child.pid ?? 0,
    async kill() {
      signalGroup(proc.child, 'SIGKILL');
      await exited(proc.child);
    },
    freeze: () => signalGroup(proc.child, 'SIGSTOP'),
    thaw: () => signalGroup(proc.child, 'SIGCONT'),
    async restart() {
      proc = startGroup(SERVER_MAIN, env);
      await waitForHealth(url, proc.output);
    },
    async stop() {
      client.close();
      signalGroup(proc.child, 'SIGCONT');
      signalGroup(proc.child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(proc.child, 'SIGKILL'), 10_000);
      await exited(proc.child);
      clearTimeout(timer);
    },
  };
}

export interface MaestroRunner {
  output(): string;
  stop(): Promise<void>;
}

/** A runner process beside the server, as `npm start` runs one. */
export function startRunner(server: MaestroServer, name = 'e2e-runner'): MaestroRunner {
  const proc = startGroup(RUNNER_MAIN, {
    MAESTRO_API_URL: server.url,
    MAESTRO_TOKEN: server.token,
    MAESTRO_RUNNER_NAME: name,
    MAESTRO_RUNNER_DIR: mkdtempSync(join(tmpdir(), 'maestro-e2e-runner-')),
    MAESTRO_CLI_PATH: join(REPO_ROOT, 'apps/cli/bin/maestro.cjs'),
    LOG_LEVEL: 'warn',
    SHELL: '/bin/bash',
  });
  return {
    output: proc.output,
    async stop() {
      signalGroup(proc.child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(proc.child, 'SIGKILL'), 10_000);
      await exited(proc.child);
      clearTimeout(timer);
    },
  };
}

/** Runs the real `maestro` CLI (sources through tsx) against the server; resolves with stdout, rejects with stderr. */
export async function runCli(server: MaestroServer, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, ...args], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: server.dataDir,
        MAESTRO_API_URL: server.url,
        MAESTRO_TOKEN: server.token,
        ...env,
      } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`maestro ${args.join(' ')} exited ${code}: ${err}`))));
  });
}
