import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import WebSocket from 'ws';
import { createTestDb } from '@maestro/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseEnv } from './env.js';
import { createLogger } from './logger.js';
import { startServer, type RunningServer } from './server.js';
import { collectEvents } from './testing/collect.js';

let server: RunningServer;
let dataDir: string;

let scratch: Awaited<ReturnType<typeof createTestDb>> | null = null;

beforeAll(async () => {
  // On PostgreSQL each file gets its own throwaway database, never the shared one.
  scratch = process.env.DATABASE_URL ? await createTestDb() : null;
  dataDir = mkdtempSync(join(tmpdir(), 'maestro-server-test-'));
  const env = parseEnv({ PORT: '0', MAESTRO_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', LOG_LEVEL: 'silent' });
  server = await startServer({ env, logger: createLogger('silent') });
});

afterAll(async () => {
  await server?.close();
  await scratch?.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
const auth = () => ({ authorization: `Bearer ${server.token.token}` });

function upgrade(url: string, headers: Record<string, string>): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.once('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
    ws.once('error', () => resolve({ opened: false }));
  });
}

describe('token', () => {
  test('is generated at first start and stored with mode 0600', () => {
    expect(server.token.source).toMatchObject({ kind: 'file', created: true });
    const mode = statSync(join(dataDir, 'token')).mode & 0o777;
    expect(mode).toBe(0o600);
  });
});

describe('HTTP', () => {
  test('health reports the database', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { ok: boolean; kind: string } };
    expect(body.status).toBe('ok');
    expect(body.database.ok).toBe(true);
    expect(body.database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  test.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token-wrong-token' }],
    ['a malformed header', { authorization: 'Basic abc' }],
  ])('refuses %s with 401 UNAUTHORIZED', async (_name, headers) => {
    const res = await fetch(`${server.url}/trpc/project.list`, { headers });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { data: { maestro: { code: string } } } };
    expect(body.error.data.maestro.code).toBe('UNAUTHORIZED');
  });

  test('refuses ?token= on a plain HTTP call (it would end up in proxy logs and history)', async () => {
    const res = await fetch(`${server.url}/trpc/project.list?token=${encodeURIComponent(server.token.token)}`);
    expect(res.status).toBe(401);
  });

  test('takes the dashboard cookie only from its own origin: not another origin, not another port on localhost', async () => {
    const host = new URL(server.url).host;
    const cookie = `maestro_token=${encodeURIComponent(server.token.token)}`;
    const create = (headers: Record<string, string>) =>
      post('/trpc/project.create', JSON.stringify({ name: `csrf-${Math.random()}`, workingDir: '/tmp' }), { cookie, ...headers });
    expect((await create({ origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await create({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(401);
    expect((await create({ origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' })).status).toBe(401);
    expect((await create({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' })).status).toBe(401);
  });

  test('accepts the right token', async () => {
    const res = await fetch(`${server.url}/trpc/project.list`, { headers: auth() });
    expect(res.status).toBe(200);
  });

  test.each([
    ['malformed JSON', '{bad', 400],
    ['a wrong type', JSON.stringify({ name: 42, workingDir: '/tmp' }), 400],
    ['an oversize body', JSON.stringify({ name: 'x', workingDir: '/tmp', description: 'y'.repeat(3 * 1024 * 1024) }), 413],
  ])('answers %s with a 4xx VALIDATION error, never a 500', async (_name, body, status) => {
    const res = await post('/trpc/project.create', body, auth());
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: { data: { maestro: { code: string } } } };
    expect(json.error.data.maestro.code).toBe('VALIDATION');
  });

  test('unknown routes are JSON 404s', async () => {
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  test('metrics are in Prometheus text format and count procedures', async () => {
    await fetch(`${server.url}/trpc/project.list`, { headers: auth() });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const line of text.split('\n').filter(Boolean)) {
      expect(line).toMatch(/^(# (HELP|TYPE) [a-zA-Z_:][\w:]* .+|[a-zA-Z_:][\w:]*(\{[^}]*\})? -?[\d.e+-]+|[a-zA-Z_:][\w:]*(\{[^}]*\})? (NaN|\+Inf|-Inf))$/);
    }
    expect(text).toMatch(/maestro_rpc_requests_total\{procedure="project.list",type="query",code="OK"\} [1-9]/);
    expect(text).toContain('maestro_rpc_duration_seconds_bucket');
    expect(text).toContain('maestro_websocket_connections');
    expect(text).toContain('maestro_events_published_total');
    expect(text).toContain('maestro_database_errors_total');
  });
});

describe('WebSocket', () => {
  const wsUrl = () => server.url.replace('http', 'ws') + '/trpc';

  test('refuses an upgrade without a token or with a wrong one', async () => {
    expect(await upgrade(wsUrl(), {})).toEqual({ opened: false, status: 401 });
    expect(await upgrade(wsUrl(), { authorization: 'Bearer nope-nope-nope-nope' })).toEqual({ opened: false, status: 401 });
    expect(await upgrade(`${wsUrl()}?token=nope`, {})).toEqual({ opened: false, status: 401 });
  });

  test('refuses a browser upgrade from another origin', async () => {
    expect(await upgrade(wsUrl(), { ...auth(), origin: 'http://evil.example' })).toEqual({ opened: false, status: 403 });
  });

  test('accepts the token as a header or a query parameter', async () => {
    expect(await upgrade(wsUrl(), auth())).toEqual({ opened: true });
    expect(await upgrade(`${wsUrl()}?token=${encodeURIComponent(server.token.token)}`, {})).toEqual({ opened: true });
  });

  test('streams events to a subscriber', async () => {
    const client = createNodeClient({ url: server.url, token: server.token.token });
    const project = await client.trpc.project.create.mutate({ name: `ws-${Date.now()}`, workingDir: '/tmp' });
    const feed = collectEvents(client, { projectId: project.id });
    await feed.whenStarted();
    await client.trpc.task.create.mutate({ projectId: project.id, title: 'streamed' });
    const [event] = await feed.waitFor(1);
    expect(event?.type).toBe('task:created');
    feed.unsubscribe();
    client.close();
  });
});

describe('health when the database is gone', () => {
  test('answers 503 degraded', async () => {
    await server.db.close();
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; database: { ok: boolean } };
    expect(body).toMatchObject({ status: 'degraded', database: { ok: false } });
  });
});
