#!/usr/bin/env node
// Starts the built server and a runner on a scratch data directory, goes
// through a lifecycle (runner heartbeats, a refused call, a mutation that
// publishes an event), checks that every metric family docs/observability.md
// lists is in the scrape, and asks promtool whether /metrics is valid
// Prometheus exposition text.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

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
let runner;
const FAMILIES = [
  'maestro_rpc_requests_total',
  'maestro_rpc_duration_seconds',
  'maestro_websocket_connections',
  'maestro_events_published_total',
  'maestro_events_delivered_total',
  'maestro_sessions',
  'maestro_http_request_duration_seconds',
  'maestro_database_pool_connections',
  'maestro_runner_heartbeats_total',
  'maestro_database_errors_total',
  'maestro_nodejs_eventloop_lag_seconds',
  'maestro_process_resident_memory_bytes',
];
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  runner = spawn(process.execPath, ['packages/runner/dist/main.js'], {
    env: {
      ...process.env,
      MAESTRO_API_URL: url,
      MAESTRO_TOKEN: token,
      MAESTRO_RUNNER_DIR: join(dataDir, 'runner'),
      MAESTRO_CLI_PATH: 'apps/cli/bin/maestro.cjs',
      LOG_LEVEL: 'warn',
    },
    stdio: 'inherit',
  });
  // A subscriber, so events are delivered as well as published; it is listening before project.create.
  const subscriber = new WebSocket(`${url.replace('http', 'ws')}/trpc?token=${encodeURIComponent(token)}`);
  const heard = (text) =>
    new Promise((resolve, reject) => {
      subscriber.on('message', (data) => String(data).includes(text) && resolve());
      subscriber.once('error', () => reject(new Error('the events subscription failed')));
    });
  const started = heard('"started"');
  const delivered = heard('"project:created"');
  await new Promise((resolve, reject) => {
    subscriber.once('open', resolve);
    subscriber.once('error', reject);
  });
  subscriber.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'events.onEvent', input: {} } }));
  await started;
  await fetch(`${url}/trpc/project.list`, { headers: auth });
  await fetch(`${url}/trpc/project.list`);
  const created = await fetch(`${url}/trpc/project.create`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'metrics', workingDir: dataDir }) });
  if (!created.ok) throw new Error(`project.create answered ${created.status}: ${await created.text()}`);
  await delivered;
  subscriber.close();
  // The runner's first heartbeat: it registers, then beats.
  let text = '';
  for (let i = 0; ; i++) {
    text = await (await fetch(`${url}/metrics`)).text();
    if (text.includes('maestro_runner_heartbeats_total{')) break;
    if (i > 1200) throw new Error('no runner heartbeat in /metrics after 2 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
  const missing = FAMILIES.filter((f) => !new RegExp(`^# TYPE ${f} `, 'm').test(text));
  if (missing.length) throw new Error(`/metrics lacks ${missing.join(', ')}`);
  if (!/^maestro_events_published_total [1-9]/m.test(text)) throw new Error('maestro_events_published_total did not count project.create');
  if (!/^maestro_events_delivered_total [1-9]/m.test(text)) throw new Error('maestro_events_delivered_total did not count the delivery to the subscriber');
  if (!/^maestro_http_request_duration_seconds_count\{route="\/health"/m.test(text))
    throw new Error('maestro_http_request_duration_seconds did not time /health');
  const file = join(dataDir, 'metrics.txt');
  writeFileSync(file, text);
  const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (check.error) throw new Error(`promtool not available (${check.error.message}); install it with: apt-get install prometheus`);
  process.stdout.write(check.stdout + check.stderr);
  if (check.status !== 0) throw new Error(`promtool check metrics failed (exit ${check.status}); metrics saved in ${file}`);
  console.log(`promtool check metrics: ok (${text.split('\n').length} lines, all ${FAMILIES.length} families present)`);
} finally {
  runner?.kill('SIGTERM');
  server.kill('SIGTERM');
}
