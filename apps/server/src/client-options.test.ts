import { createMaestroClient, createNodeClient, nodeFetch, type ConnectionState, type MaestroClientOptions } from '@maestro/client/node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { collectEvents } from './testing/collect.js';
import { freePort, spawnServer, type ServerProcess } from './testing/spawn-server.js';
import { createTcpProxy, type TcpProxy } from './testing/tcp-proxy.js';

// The client's options against a real server process: fallback servers, request timeouts, a
// caller's abort, the token in the WebSocket URL (as a browser sends it). Heartbeats and the
// reconnect cap are heartbeat.test.ts.
let server: ServerProcess;
let proxy: TcpProxy;
let deadUrl: string;
let projectId: string;

beforeAll(async () => {
  server = await spawnServer();
  proxy = await createTcpProxy({ host: '127.0.0.1', port: server.port });
  // A port nothing listens on: connections are refused.
  deadUrl = `http://127.0.0.1:${await freePort()}`;
  const admin = createNodeClient({ url: server.url, token: server.token });
  projectId = (await admin.trpc.project.create.mutate({ name: 'client options', workingDir: '/tmp' })).id;
  admin.close();
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

test('a refused first server: HTTP calls move to the fallback at once and stay there; a trailing slash on a URL is ignored', async () => {
  proxy.refuse();
  try {
    const client = createNodeClient({ url: `${proxy.url}/`, fallbackUrls: [`${server.url}/`], token: server.token });
    const projects = await client.trpc.project.list.query();
    expect(projects.items.map((p) => p.id)).toContain(projectId);
    expect(proxy.accepted).toBeGreaterThan(0);
    // The next call goes straight to the fallback: the refusing server is not tried first again.
    const triedBefore = proxy.accepted;
    await expect(client.trpc.project.get.query({ id: projectId })).resolves.toMatchObject({ id: projectId });
    expect(proxy.accepted).toBe(triedBefore);
    client.close();
  } finally {
    proxy.resume();
  }
});

test('every server refusing: the call fails with the last server’s network error', async () => {
  const otherDead = `http://127.0.0.1:${await freePort()}`;
  const client = createNodeClient({ url: deadUrl, fallbackUrls: [otherDead], token: server.token });
  await expect(client.trpc.project.list.query()).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  client.close();
});

test('a WebSocket attempt that fails to open moves the subscription to the fallback server, which delivers the events', async () => {
  const states: ConnectionState[] = [];
  const client = createNodeClient({ url: deadUrl, fallbackUrls: [server.url], token: server.token, onConnectionState: (s) => states.push(s) });
  const feed = collectEvents(client, { projectId });
  await feed.whenStarted();
  const made = await client.trpc.task.create.mutate({ projectId, title: 'via the fallback' });
  const [event] = await feed.waitFor(1);
  expect(event).toMatchObject({ type: 'task:created', payload: { task: { id: made.id } } });
  // The refused attempt never opened: no `reconnecting`, straight on to the next server.
  expect(states).toEqual(['connecting', 'connected']);
  feed.unsubscribe();
  client.close();
});

test('a server that never answers: the call fails after requestTimeoutMs; a second server after it is tried and answers', async () => {
  proxy.stall();
  try {
    const alone = createNodeClient({ url: proxy.url, token: server.token, requestTimeoutMs: 300 });
    // Node's http aborts the request with the timeout as the abort's reason.
    await expect(alone.trpc.project.list.query()).rejects.toMatchObject({
      cause: { name: 'AbortError', cause: { name: 'TimeoutError', message: 'no answer within 300 ms' } },
    });
    alone.close();

    const withFallback = createNodeClient({ url: proxy.url, fallbackUrls: [server.url], token: server.token, requestTimeoutMs: 300 });
    const projects = await withFallback.trpc.project.list.query();
    expect(projects.items.map((p) => p.id)).toContain(projectId);
    withFallback.close();
  } finally {
    proxy.resume();
  }
});

test('a caller’s abort ends the call at once, with or without a request timeout; an aborted call is not sent to the fallback server', async () => {
  proxy.stall();
  try {
    for (const requestTimeoutMs of [0, 30_000]) {
      const client = createNodeClient({ url: proxy.url, fallbackUrls: [server.url], token: server.token, requestTimeoutMs });
      const aborted = new AbortController();
      const call = client.trpc.project.list.query(undefined, { signal: aborted.signal });
      setTimeout(() => aborted.abort(), 100);
      // Sent on to the fallback it would have succeeded.
      await expect(call).rejects.toThrow(/abort/i);
      const early = new AbortController();
      early.abort();
      await expect(client.trpc.project.list.query(undefined, { signal: early.signal })).rejects.toThrow(/abort/i);
      client.close();
    }
  } finally {
    proxy.resume();
  }
});

test('tokenInWebSocketUrl: a WebSocket that cannot send headers (a browser) authenticates with ?token= and subscribes', async () => {
  const options: MaestroClientOptions = {
    url: server.url,
    token: server.token,
    tokenInWebSocketUrl: true,
    // `ws` as it is: no Authorization header on the upgrade, as in a browser.
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    fetch: nodeFetch as unknown as NonNullable<MaestroClientOptions['fetch']>,
    lazy: false,
  };
  const client = createMaestroClient(options);
  const feed = collectEvents(client, { projectId });
  await feed.whenStarted();
  expect(client.connectionState()).toBe('connected');
  const made = await client.trpc.task.create.mutate({ projectId, title: 'token in the URL' });
  const [event] = await feed.waitFor(1);
  expect(event).toMatchObject({ type: 'task:created', payload: { task: { id: made.id } } });
  feed.unsubscribe();
  client.close();

  // Without it the same WebSocket carries no credentials: the subscription never starts.
  const anonymous = createMaestroClient({ ...options, tokenInWebSocketUrl: false, maxReconnectAttempts: 1 });
  const refused = collectEvents(anonymous, { projectId });
  await expect.poll(() => refused.errors.length > 0 || anonymous.connectionState() === 'disconnected', { timeout: 10_000 }).toBe(true);
  expect(refused.started).toBe(false);
  refused.unsubscribe();
  anonymous.close();
});
