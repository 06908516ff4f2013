import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import { waitForSession } from '@maestro/e2e/stack';
import { freePort, spawnServer } from '@maestro/server/testing';
import { expect, test } from 'vitest';
import { ROOT, until } from './processes.js';

test('fresh clone, `npm run dev` order: a runner started before the server waits for its token and port (PORT), then hosts sessions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-order-'));
  const dataDir = join(dir, 'data');
  const port = await freePort();
  let log = '';
  // Only PORT and the data directory: no MAESTRO_API_URL, no token file yet.
  const runner = spawn(process.execPath, [join(ROOT, 'packages/runner/dist/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      PORT: String(port),
      MAESTRO_DATA_DIR: dataDir,
      MAESTRO_RUNNER_DIR: join(dir, 'runner'),
      MAESTRO_CLI_PATH: join(ROOT, 'apps/cli/bin/maestro.cjs'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runner.stdout.on('data', (d: Buffer) => (log += d.toString()));
  runner.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => runner.once('exit', (code) => resolve(code)));
  try {
    await until('the runner to say it waits for the token', () => log.includes(`waiting for the server to create its token at ${join(dataDir, 'token')}`));
    // A window for the runner to give up (it must not): not exiting has no event to wait for.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(runner.exitCode).toBeNull();

    const server = await spawnServer({ dataDir, port });
    try {
      const client = createNodeClient({ url: server.url, token: server.token });
      const project = await client.trpc.project.create.mutate({ name: 'order', workingDir: dir });
      const task = await client.trpc.task.create.mutate({ projectId: project.id, title: 'hello' });
      const session = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'echo hello' });
      expect((await waitForSession(client, session.id, undefined, 60_000)).status).toBe('completed');
      client.close();
    } finally {
      runner.kill('SIGTERM');
      expect(await exited).toBe(0);
      await server.stop();
    }
  } finally {
    runner.kill('SIGKILL');
  }
});
