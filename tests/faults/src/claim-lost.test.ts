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
 * The runner (the built process) claims a spawn request through a path that
 * loses the server's answer: the claim is committed, the runner hears only a
 * reset. The server names the session in the runner's next heartbeat
 * (`adopt`), the runner claims it again and starts the agent; the task can be
 * spawned again afterwards. A lease of 4 s: a heartbeat every second, and 4 s
 * for the runner to adopt before the request would fail.
 */
const LEASE_MS = 4_000;

let server: ServerProcess;
let client: MaestroClient;
let cut: CutProxy;
let runner: ChildProcess;
let runnerLog = '';
let projectId: string;

beforeAll(async () => {
  server = await spawnServer({ env: { MAESTRO_RUNNER_LEASE_MS: String(LEASE_MS) } });
  client = createNodeClient({ url: server.url, token: server.token });
  projectId = (await client.trpc.project.create.mutate({ name: 'claim lost', workingDir: mkdtempSync(join(tmpdir(), 'maestro-claim-')) })).id;
  cut = await createCutProxy({ host: '127.0.0.1', port: server.port });
  runner = spawn(process.execPath, [join(ROOT, 'packages/runner/dist/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      MAESTRO_API_URL: cut.url,
      MAESTRO_TOKEN: server.token,
      MAESTRO_CLI_PATH: join(ROOT, 'apps/cli/bin/maestro.cjs'),
      MAESTRO_RUNNER_DIR: mkdtempSync(join(tmpdir(), 'maestro-runner-')),
      MAESTRO_RUNNER_NAME: 'loses-claims',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runner.stdout?.on('data', (d: Buffer) => (runnerLog += d.toString()));
  runner.stderr?.on('data', (d: Buffer) => (runnerLog += d.toString()));
  await until('the runner to register', async () => (await client.trpc.runner.list.query()).items.some((r) => r.name === 'loses-claims' && r.live), 60_000);
});

afterAll(async () => {
  runner?.kill('SIGKILL');
  client?.close();
  await cut?.close();
  await server?.stop();
});

test('the answer to runner.claim is lost after the commit: the runner adopts the session and the agent runs; the task can be spawned again', async () => {
  const lost = cut.loseAnswers(/runner\.claim/);
  const task = await client.trpc.task.create.mutate({ projectId, title: 'claimed in the dark' });
  const first = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'echo adopted-after-a-lost-claim' });

  const ended = await waitForSession(client, first.id, undefined, 90_000);
  expect(lost(), 'the proxy lost the claim’s answer').toBe(1);
  expect(ended.status, `${ended.error ?? ''}\n${runnerLog}`).toBe('completed');
  expect((await readAllOutput(client, first.id)).toString()).toContain('adopted-after-a-lost-claim');
  const { items } = await client.trpc.events.list.query({ projectId, types: ['session:updated'], limit: 100 });
  const reasons = items.flatMap((e) => (e.type === 'session:updated' && e.sessionId === first.id && e.payload.reason ? [e.payload.reason] : []));
  expect(reasons.filter((r) => r.startsWith('claimed by runner'))).toEqual([
    expect.not.stringContaining('again'),
    expect.stringContaining('again (its first answer was lost)'),
  ]);

  const second = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'echo spawned-again' });
  expect((await waitForSession(client, second.id, undefined, 90_000)).status).toBe('completed');
  expect(runner.exitCode).toBeNull();
});
