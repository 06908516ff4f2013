import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from '@maestro/server/testing';
import { expect, test } from 'vitest';
import { parseRunnerEnv, startRunner } from '@maestro/runner';

test('the runner makes its directory private (0700) at start, even one that exists open to others', async () => {
  const server = await spawnServer();
  const dir = mkdtempSync(join(tmpdir(), 'maestro-runner-open-'));
  chmodSync(dir, 0o755);
  try {
    const env = parseRunnerEnv({ MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token, MAESTRO_RUNNER_DIR: dir, LOG_LEVEL: 'silent', HOME: tmpdir() });
    const runner = await startRunner(env, { PATH: process.env.PATH });
    await runner.stop();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  } finally {
    await server.stop();
  }
});
