import { spawn } from 'node:child_process';
import type { Session } from '@maestro/schemas';
import { BIN, COVERAGE_ENV, runCli } from './helpers.js';

/** A long-running `maestro …` (watch, runner) as a child, its output collected; `stop` sends SIGINT and waits. */
export function startCli(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...COVERAGE_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForText = async (stream: string, text: () => string, pattern: RegExp, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(text())) {
      if (Date.now() > deadline) throw new Error(`maestro ${args.join(' ')}: no ${String(pattern)} on ${stream} after ${timeoutMs} ms:\n${text()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    child,
    exited,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitForStderr: (pattern: RegExp, timeoutMs = 30_000) => waitForText('stderr', () => stderr, pattern, timeoutMs),
    waitForStdout: (pattern: RegExp, timeoutMs = 30_000) => waitForText('stdout', () => stdout, pattern, timeoutMs),
    async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; stdout: string; stderr: string }> {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}

/** Polls `maestro session get` until the session reaches one of `statuses`. */
export async function untilSession(env: Record<string, string>, id: string, statuses: Session['status'][], timeoutMs = 60_000): Promise<Session> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await runCli(['session', 'get', id, '--json'], env);
    const session = result.code === 0 ? (JSON.parse(result.stdout) as { data: Session }).data : null;
    if (session && statuses.includes(session.status)) return session;
    if (Date.now() > deadline) throw new Error(`session ${id} is ${session?.status ?? 'unreadable'}, not ${statuses.join('|')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
