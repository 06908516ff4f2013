import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { spawnServer } from './testing/index.js';

test('MAESTRO_TOKEN set and MAESTRO_DATA_DIR missing: the server creates the directory (0700) and starts', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'maestro-fresh-')), 'not', 'yet');
  const server = await spawnServer({ dataDir, env: { MAESTRO_TOKEN: 'a-token-of-at-least-16-chars' } });
  try {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const res = await fetch(`${server.url}/trpc/project.list`, { headers: { authorization: 'Bearer a-token-of-at-least-16-chars' } });
    expect(res.status).toBe(200);
  } finally {
    expect(await server.stop()).toBe(0);
  }
});
