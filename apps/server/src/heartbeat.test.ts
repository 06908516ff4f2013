import { createNodeClient, type ConnectionState, type MaestroClient } from '@maestro/client/node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { collectEvents } from './testing/collect.js';
import { spawnServer, type ServerProcess } from './testing/spawn-server.js';
import { createTcpProxy, type TcpProxy } from './testing/tcp-proxy.js';

// Dead connections: a frozen server (SIGSTOP) or a path that goes silent must be
// noticed within 10 s by both ends, and subscriptions must resume with nothing
// missed or repeated. A real server process, real sockets, a real TCP hop.
let server: ServerProcess;
let proxy: TcpProxy;
let admin: MaestroClient;
let projectId: string;

beforeAll(async () => {
  server = await spawnServer();
  proxy = await createTcpProxy({ host: '127.0.0.1', port: server.port });
  admin = createNodeClient({ url: server.url, token: server.token });
  projectId = (await admin.trpc.project.create.mutate({ name: 'heartbeat', workingDir: '/tmp' })).id;
});

afterAll(async () => {
  admin?.close();
  await proxy?.close();
  await server?.stop();
});

function stateLog() {
  const seen: { state: ConnectionState; at: number }[] = [];
  return {
    seen,
    onConnectionState: (state: ConnectionState) => seen.push({ state, at: Date.now() }),
    async waitFor(state: ConnectionState, after = 0, timeoutMs = 30_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = seen.find((s) => s.state === state && s.at >= after);
        if (hit) return hit.at;
        if (Date.now() > deadline) throw new Error(`no "${state}" after ${after}; states: ${seen.map((s) => s.state).join(' → ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

async function createTasks(n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await admin.trpc.task.create.mutate({ projectId, title: `${prefix} ${i}` })).id);
  return ids;
}

/** A window for a repeated event to arrive after the expected ones: absence has no event to wait for. */
const duplicateWindow = () => new Promise((r) => setTimeout(r, 300));

const createdIds = (events: { type: string; payload?: unknown }[]) =>
  events.map((e) => (e.type === 'task:created' ? (e.payload as { task: { id: string } }).task.id : e.type));

test('a frozen server (SIGSTOP) is noticed within 10 s; after SIGCONT the subscription resumes with nothing missed or repeated', async () => {
  const states = stateLog();
  const client = createNodeClient({ url: server.url, token: server.token, onConnectionState: states.onConnectionState });
  const feed = collectEvents(client, { projectId });
  await states.waitFor('connected');
  const before = await createTasks(2, 'before freeze');
  await feed.waitFor(2);

  const frozenAt = Date.now();
  process.kill(server.child.pid!, 'SIGSTOP');
  try {
    const noticedAt = await states.waitFor('reconnecting', frozenAt, 15_000);
    expect(noticedAt - frozenAt).toBeLessThan(10_000);
  } finally {
    process.kill(server.child.pid!, 'SIGCONT');
  }
  await states.waitFor('connected', frozenAt);
  const after = await createTasks(3, 'after thaw');
  const events = await feed.waitFor(5);
  await duplicateWindow();
  expect(createdIds(feed.events)).toEqual([...before, ...after]);
  expect(states.seen[0]?.state).toBe('connecting');
  feed.unsubscribe();
  client.close();
  expect(events).toHaveLength(5);
});

test('a path that goes silent (stalled proxy) is noticed within 10 s; events committed meanwhile arrive once, in order, when it returns', async () => {
  const states = stateLog();
  const client = createNodeClient({ url: proxy.url, token: server.token, onConnectionState: states.onConnectionState });
  const feed = collectEvents(client, { projectId });
  await states.waitFor('connected');
  const first = await createTasks(1, 'before stall');
  await feed.waitFor(1);

  const stalledAt = Date.now();
  proxy.stall();
  const missed = await createTasks(5, 'during stall');
  const noticedAt = await states.waitFor('reconnecting', stalledAt, 15_000);
  expect(noticedAt - stalledAt).toBeLessThan(10_000);
  expect(feed.events).toHaveLength(1);

  proxy.resume();
  await feed.waitFor(6);
  await duplicateWindow();
  expect(createdIds(feed.events)).toEqual([...first, ...missed]);
  feed.unsubscribe();
  client.close();
});

test('a capped client reports connecting, then disconnected after its attempts; reconnect() connects and the subscription starts', async () => {
  proxy.refuse();
  const states = stateLog();
  const client = createNodeClient({ url: proxy.url, token: server.token, maxReconnectAttempts: 3, onConnectionState: states.onConnectionState });
  const feed = collectEvents(client, { projectId });
  await states.waitFor('disconnected');
  expect(states.seen.map((s) => s.state)).toEqual(['connecting', 'disconnected']);
  expect(client.connectionState()).toBe('disconnected');
  const acceptedWhenCapped = proxy.accepted;
  // A window for a stray attempt to reach the proxy: there is no event for "it did not try again".
  await new Promise((r) => setTimeout(r, 2_000));
  expect(proxy.accepted).toBe(acceptedWhenCapped);

  proxy.resume();
  const retryAt = Date.now();
  client.reconnect();
  await states.waitFor('connected', retryAt);
  await feed.whenStarted();
  const made = await createTasks(1, 'after reconnect()');
  await feed.waitFor(1);
  expect(createdIds(feed.events)).toEqual(made);
  feed.unsubscribe();
  client.close();
});

test('the server drops a peer that stopped answering within 10 s', async () => {
  // A bare WebSocket that never answers the server's PINGs: a client whose machine went to sleep.
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: { authorization: `Bearer ${server.token}` } });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const openedAt = Date.now();
  const closedAt = await new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  expect(closedAt - openedAt).toBeLessThan(10_000);
});

test('without a token no Authorization header is sent: the server answers UNAUTHORIZED (a browser would send its cookie)', async () => {
  const anonymous = createNodeClient({ url: server.url });
  await expect(anonymous.trpc.project.list.query()).rejects.toMatchObject({ data: { maestro: { code: 'UNAUTHORIZED' } } });
  anonymous.close();
});
