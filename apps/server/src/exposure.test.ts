import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { checkExposure, createHostCheck, isLoopback } from './exposure.js';
import { freePort, spawnServer, type ServerProcess } from './testing/spawn-server.js';

const STRONG = 'Zt3q9V_kP2mX8wL5nR7yB4cJ6hF1dG0s-aE';

describe('checkExposure', () => {
  test('loopback needs nothing', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(checkExposure({ host, explicitToken: undefined }).warning).toBeNull();
  });

  test('beyond loopback: refused without an explicit token or with a weak one, warned with a strong one', () => {
    expect(() => checkExposure({ host: '0.0.0.0', explicitToken: undefined })).toThrow(/without an explicit MAESTRO_TOKEN/);
    expect(() => checkExposure({ host: '192.168.1.5', explicitToken: 'short-token-1234' })).toThrow(/weak MAESTRO_TOKEN/);
    expect(() => checkExposure({ host: '0.0.0.0', explicitToken: 'a'.repeat(40) })).toThrow(/weak/);
    expect(checkExposure({ host: '0.0.0.0', explicitToken: STRONG }).warning).toMatch(/can start processes/);
  });

  test('isLoopback knows the loopback names', () => {
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('app.localhost')).toBe(true);
    expect(isLoopback('example.com')).toBe(false);
  });
});

describe('createHostCheck', () => {
  test('a loopback server answers to loopback names only, plus the allow-list', () => {
    const allowed = createHostCheck({ host: '127.0.0.1', allowed: ['maestro.internal'] });
    for (const h of ['127.0.0.1:4800', 'localhost:4800', '[::1]:4800', 'maestro.internal:4800', undefined]) expect(allowed(h)).toBe(true);
    for (const h of ['evil.example:4800', 'evil.example', '10.0.0.1:4800']) expect(allowed(h)).toBe(false);
  });

  test('a wildcard bind also answers to IP literals (they cannot be rebound), never to unknown names', () => {
    const allowed = createHostCheck({ host: '0.0.0.0', allowed: [] });
    expect(allowed('10.0.0.7:4800')).toBe(true);
    expect(allowed('[fe80::1]:4800')).toBe(true);
    expect(allowed('rebind.evil.example:4800')).toBe(false);
  });
});

/** A raw request, so the Host header is exactly what a DNS-rebinding page would send. */
function rawRequest(url: string, opts: { method?: string; host?: string }): Promise<{ status: number; body: string; allow?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.host ? { host: opts.host } : {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(res.headers.allow ? { allow: res.headers.allow } : {}) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a running server', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('refuses a foreign Host header (DNS rebinding) on HTTP and on the WebSocket upgrade', async () => {
    const refused = await rawRequest(`${server.url}/trpc/project.list`, { host: `rebind.evil.example:${server.port}` });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'FORBIDDEN', hint: expect.stringContaining('MAESTRO_ALLOWED_HOSTS') } });
    expect((await rawRequest(`${server.url}/health`, { host: `localhost:${server.port}` })).status).toBe(200);
    const upgrade = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, {
        headers: { authorization: `Bearer ${server.token}`, host: `rebind.evil.example:${server.port}` },
      });
      ws.once('open', () => (ws.close(), resolve(101)));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('error', () => resolve(undefined));
    });
    expect(upgrade).toBe(403);
  });

  test.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 and the methods it takes', async (method) => {
    const res = await rawRequest(`${server.url}/trpc/project.list`, { method });
    expect(res.status).toBe(405);
    expect(res.allow).toBe('GET, HEAD, POST');
  });

  test('its data directory and embedded database are private (0700), the token file 0600', () => {
    expect(statSync(server.dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(server.dataDir, 'pglite')).mode & 0o777).toBe(0o700);
    expect(statSync(join(server.dataDir, 'token')).mode & 0o777).toBe(0o600);
  });
});

test('an existing data directory open to other users (0755, pglite too) is made private at start, with a warning', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-open-'));
  mkdirSync(join(dataDir, 'pglite'));
  chmodSync(dataDir, 0o755);
  chmodSync(join(dataDir, 'pglite'), 0o755);
  const server = await spawnServer({ dataDir });
  try {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'pglite')).mode & 0o777).toBe(0o700);
    expect(server.output()).toContain('made private');
  } finally {
    await server.stop();
  }
});

test('a non-loopback bind without an explicit token refuses to start and says what to set', async () => {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    PORT: String(await freePort()),
    HOST: '0.0.0.0',
    MAESTRO_DATA_DIR: mkdtempSync(join(tmpdir(), 'maestro-exposed-')),
    MAESTRO_WEB: 'off',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).not.toBe(0);
  expect(output).toContain('without an explicit MAESTRO_TOKEN');
  expect(output).toContain('openssl rand');
});

test('a non-loopback bind with a strong explicit token starts, and warns', async () => {
  const server = await spawnServer({ env: { HOST: '0.0.0.0', MAESTRO_TOKEN: STRONG, LOG_LEVEL: 'warn' } });
  try {
    expect(server.output()).toContain('can start processes');
  } finally {
    await server.stop();
  }
});
