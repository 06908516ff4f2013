import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import { readAllOutput, waitForSession } from '@maestro/e2e/stack';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCutProxy, type CutProxy } from './cut-proxy.js';
import { ROOT, until } from './processes.js';

/**
 * The runner (the built process) talks to the server through a path that goes
 * silent while an agent prints. It must notice within 10 s (its WebSocket's
 * heartbeat; see network-cut.test.ts for the margin) and open a new
 * connection; once the path returns, the agent's output is stored byte for
 * byte and in order, and a spawn requested during the cut is started.
 */
const DETECTION_BOUND_MS = 10_000;

let server: ServerProcess;
let client: MaestroClient;
let cut: CutProxy;
let runner: ChildProcess;
let runnerLog = '';
let projectId: string;

beforeAll(async () => {
  server = await spawnServer({ env: { MAESTRO_RUNNER_LEASE_MS: '60000' } });
  client = createNodeClient({ url: server.url, token: server.token });
  projectId = (await client.trpc.project.create.mutate({ name: 'runner cut', workingDir: mkdtempSync(join(tmpdir(), 'maestro-cut-')) })).id;
  cut = await createCutProxy({ host: '127.0.0.1', port: server.port });
  runner = spawn(process.execPath, [join(ROOT, 'packages/runner/dist/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      MAESTRO_API_URL: cut.url,
      MAESTRO_TOKEN: server.token,
      MAESTRO_CLI_PATH: join(ROOT, 'apps/cli/bin/maestro.cjs'),
      MAESTRO_RUNNER_DIR: mkdtempSync(join(tmpdir(), 'maestro-runner-')),
      MAESTRO_RUNNER_NAME: 'behind-the-cut',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runner.stdout?.on('data', (d: Buffer) => (runnerLog += d.toString()));
  runner.stderr?.on('data', (d: Buffer) => (runnerLog += d.toString()));
  await until('the runner to register', async () => (await client.trpc.runner.list.query()).items.some((r) => r.name === 'behind-the-cut' && r.live), 60_000);
});

afterAll(async () => {
  runner?.kill('SIGKILL');
  client?.close();
  await cut?.close();
  await server?.stop();
});

async function spawnSession(command: string) {
  const task = await client.trpc.task.create.mutate({ projectId, title: `run ${command.slice(0, 40)}` });
  return client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command });
}

test('a stalled path under a printing agent: the runner notices within 10 s, then stores every byte in order and starts the spawn requested meanwhile', async () => {
  const lines = 150;
  const printing = await spawnSession(`for i in $(seq 1 ${lines}); do echo line-$i; sleep 0.1; done`);
  await waitForSession(client, printing.id, ['active'], 60_000);
  await until('some output', async () => (await client.trpc.session.output.query({ id: printing.id, afterSeq: -1, limit: 1 })).chunks.length > 0);
  const socketsBefore = cut.links().filter((l) => l.kind === 'websocket').length;

  const cutAt = Date.now();
  cut.cut('stalled');
  const requested = await spawnSession('echo started-after-the-cut');
  // The runner gives up on its dead WebSocket and tries a new one (itself black-holed while the path is down).
  const retry = await until('a new WebSocket from the runner', () => cut.links().filter((l) => l.kind === 'websocket' && l.openedAt >= cutAt)[0], 20_000);
  expect(cut.links().filter((l) => l.kind === 'websocket').length).toBeGreaterThan(socketsBefore);
  expect(retry.openedAt - cutAt, runnerLog).toBeLessThanOrEqual(DETECTION_BOUND_MS);
  expect((await client.trpc.session.get.query({ id: requested.id })).status).toBe('spawning');

  cut.restore();
  expect((await waitForSession(client, requested.id, undefined, 90_000)).status).toBe('completed');
  expect((await readAllOutput(client, requested.id)).toString()).toContain('started-after-the-cut');
  expect((await waitForSession(client, printing.id, undefined, 90_000)).status).toBe('completed');
  const expected = Array.from({ length: lines }, (_, i) => `line-${i + 1}\r\n`).join('');
  expect((await readAllOutput(client, printing.id)).toString('utf8')).toBe(expected);
  expect(runner.exitCode).toBeNull();
});
