import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import { ENDED_SESSION_STATUSES, type Session } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { createRunner, writeCliShim, type Runner, type RunnerLogger, type RunnerOptions } from '@maestro/runner';
import { builtCli } from './cli.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** A logger that keeps every line, to see what a runner retried, refused and gave up. */
export function recordingLogger() {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, msg, obj });
  const logger: RunnerLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

/** A runner in this process against a real server, with the built `maestro` on its agents' PATH. */
export async function startTestRunner(
  server: { url: string; token: string },
  name = 'test-runner',
  logger: RunnerLogger = quiet,
  /** A data directory to reuse (a restarted runner) and a retention for ended sessions' directories (none by default). */
  opts: Pick<RunnerOptions, 'retentionMs'> & { dataDir?: string } = {},
): Promise<{ runner: Runner; client: MaestroClient; dataDir: string }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'maestro-runner-'));
  const client = createNodeClient({ url: server.url, token: server.token });
  const runner = createRunner({
    client,
    apiUrl: server.url,
    name,
    dataDir,
    binDir: writeCliShim(join(dataDir, 'bin'), builtCli()),
    baseEnv: { PATH: process.env.PATH, HOME: process.env.HOME, SHELL: '/bin/bash' },
    composePrompt: async (claim) => `You are ${claim.session.id}. Tasks: ${claim.session.taskIds.join(', ')}\n`,
    logger,
    retentionMs: opts.retentionMs,
  });
  await runner.start();
  return { runner, client, dataDir };
}

export async function startStack(opts: { leaseMs?: number; env?: Record<string, string> } = {}) {
  const server = await spawnServer({ env: { MAESTRO_RUNNER_LEASE_MS: String(opts.leaseMs ?? 3_000), ...opts.env } });
  const client = createNodeClient({ url: server.url, token: server.token });
  const project = await client.trpc.project.create.mutate({ name: `stack-${Date.now()}`, workingDir: mkdtempSync(join(tmpdir(), 'maestro-project-')) });
  return { server, client, project };
}

/** Polls until the session reaches one of `statuses` (ended by default). */
export async function waitForSession(
  client: MaestroClient,
  id: string,
  statuses: readonly string[] = ENDED_SESSION_STATUSES,
  timeoutMs = 45_000,
): Promise<Session> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let session: Session | null = null;
    try {
      session = await client.trpc.session.get.query({ id });
    } catch {
      // server restarting
    }
    if (session && statuses.includes(session.status)) return session;
    if (Date.now() > deadline) throw new Error(`session ${id} is ${session?.status ?? 'unknown'}, not ${statuses.join('|')}, after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** All of a session's stored output, decoded from base64 chunks, in order. */
export async function readAllOutput(client: MaestroClient, id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let after = -1;
  for (;;) {
    const { chunks } = await client.trpc.session.output.query({ id, afterSeq: after, limit: 1000 });
    if (chunks.length === 0) return Buffer.concat(parts);
    for (const c of chunks) {
      if (c.seq !== after + 1) throw new Error(`gap or repeat in output: seq ${c.seq} after ${after}`);
      parts.push(Buffer.from(c.data, 'base64'));
      after = c.seq;
    }
  }
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
export type { ServerProcess };
