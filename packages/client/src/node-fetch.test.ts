import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeFetch } from './node-fetch.js';
import { ensurePrivateDir } from './private-dir.js';

// A real HTTP server on loopback: answers what it was sent.
let url = '';
let seen: { method?: string; headers: IncomingHttpHeaders; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({ method: req.method, headers: req.headers, body });
    const status = req.url === '/missing' ? 404 : 200;
    res.writeHead(status, { 'content-type': 'application/json', 'x-echo': 'yes' });
    res.end(JSON.stringify({ path: req.url }));
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('GET: status, headers and a JSON body', async () => {
  seen = [];
  const res = await nodeFetch(`${url}/a`);
  expect(res).toMatchObject({ ok: true, status: 200, statusText: 'OK' });
  expect(res.headers.get('X-Echo')).toBe('yes');
  expect(res.headers.get('x-none')).toBeNull();
  expect(await res.json()).toEqual({ path: '/a' });
  expect(seen[0]?.method).toBe('GET');
});

test('POST with a body, and headers given as a record, pairs or a Headers object', async () => {
  seen = [];
  await nodeFetch(new URL(`${url}/b`), { method: 'POST', headers: { 'x-one': '1' }, body: '{"x":1}' });
  await nodeFetch(`${url}/c`, { headers: [['x-two', '2']] });
  await nodeFetch(new Request(`${url}/d`), { headers: new Headers({ 'x-three': '3' }) });
  expect(seen.map((s) => [s.method, s.body])).toEqual([
    ['POST', '{"x":1}'],
    ['GET', ''],
    ['GET', ''],
  ]);
  expect([seen[0]?.headers['x-one'], seen[1]?.headers['x-two'], seen[2]?.headers['x-three']]).toEqual(['1', '2', '3']);
});

test('a 404 is not ok; its text is readable', async () => {
  const res = await nodeFetch(`${url}/missing`);
  expect(res.ok).toBe(false);
  expect(res.status).toBe(404);
  expect(await res.text()).toBe('{"path":"/missing"}');
});

test('a refused connection and an aborted request reject', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await expect(nodeFetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  const abort = new AbortController();
  abort.abort();
  await expect(nodeFetch(`${url}/a`, { signal: abort.signal })).rejects.toThrow();
});

test('ensurePrivateDir: creates 0700; tightens an open directory and says from what; leaves a private one', () => {
  const base = mkdtempSync(join(tmpdir(), 'maestro-private-'));
  const fresh = join(base, 'a', 'b');
  expect(ensurePrivateDir(fresh)).toEqual({ tightenedFrom: null });
  expect(statSync(fresh).mode & 0o777).toBe(0o700);
  chmodSync(fresh, 0o755);
  expect(ensurePrivateDir(fresh)).toEqual({ tightenedFrom: 0o755 });
  expect(statSync(fresh).mode & 0o777).toBe(0o700);
});
