#!/usr/bin/env node
// Starts the built server on a scratch data directory, makes a few calls, and
// asks promtool whether /metrics is valid Prometheus exposition text.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'maestro-metrics-'));
const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['apps/server/dist/main.js'], {
  env: { ...process.env, PORT: String(port), MAESTRO_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
  stdio: 'inherit',
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  await fetch(`${url}/trpc/project.list`, { headers: { authorization: `Bearer ${token}` } });
  await fetch(`${url}/trpc/project.list`);
  const text = await (await fetch(`${url}/metrics`)).text();
  const file = join(dataDir, 'metrics.txt');
  writeFileSync(file, text);
  const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (check.error) throw new Error(`promtool not available (${check.error.message}); install it with: apt-get install prometheus`);
  process.stdout.write(check.stdout + check.stderr);
  if (check.status !== 0) throw new Error(`promtool check metrics failed (exit ${check.status}); metrics saved in ${file}`);
  console.log(`promtool check metrics: ok (${text.split('\n').length} lines)`);
} finally {
  server.kill('SIGTERM');
}
