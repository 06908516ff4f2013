import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import { spawnServer } from '@maestro/server/testing';
import { expect, test } from 'vitest';
import { parseRunnerEnv, startRunner } from '@maestro/runner';
import { readAllOutput, waitForSession } from '../harness/stack.js';

test('a remote runner with its own runner-role token (not the server token) runs sessions end to end', async () => {
  const server = await spawnServer();
  try {
    const owner = createNodeClient({ url: server.url, token: server.token });
    const { secret } = await owner.trpc.token.create.mutate({ name: 'box2', role: 'runner' });
    const env = parseRunnerEnv({
      MAESTRO_API_URL: server.url,
      MAESTRO_TOKEN: secret,
      MAESTRO_RUNNER_DIR: mkdtempSync(join(tmpdir(), 'maestro-remote-')),
      LOG_LEVEL: 'silent',
      HOME: tmpdir(),
    });
    const runner = await startRunner(env, { PATH: process.env.PATH, SHELL: '/bin/bash' });
    try {
      const project = await owner.trpc.project.create.mutate({ name: 'remote', workingDir: mkdtempSync(join(tmpdir(), 'maestro-remote-project-')) });
      const task = await owner.trpc.task.create.mutate({ projectId: project.id, title: 'on box2' });
      const session = await owner.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'echo hello-from-box2' });
      expect((await waitForSession(owner, session.id)).status).toBe('completed');
      expect((await readAllOutput(owner, session.id)).toString()).toContain('hello-from-box2');
      // The same token cannot read the tracker.
      const reader = createNodeClient({ url: server.url, token: secret });
      await expect(reader.trpc.task.get.query({ id: task.id })).rejects.toThrow(/runner\.\*/);
    } finally {
      await runner.stop();
    }
  } finally {
    await server.stop();
  }
});
