import type { IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { REQUEST_LIMITS } from '@maestro/schemas';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as PeerSocket } from 'ws';
import { createConnection, type ConnectionOptions, type ConnectionState } from './connection.js';

// The connection layer under tRPC's client, against real sockets on loopback: a `ws` peer that
// does what a server or a path may do (answer PINGs or not, drop the connection, never finish the
// handshake). The Maestro server with tRPC on top is apps/server's tests (heartbeat.test.ts).

interface Peer {
  socket: PeerSocket;
  received: string[];
  closed: Promise<{ code: number; reason: string }>;
}

let wss: WebSocketServer;
let url = '';
let answerPings = true;
let peers: Peer[] = [];
const peerWaiters: ((peer: Peer) => void)[] = [];

beforeAll(async () => {
  // A path ending in /refused is refused in the handshake (401), as the server refuses a bad token.
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient: ({ req }: { req: IncomingMessage }) => !req.url?.endsWith('/refused') });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/trpc`;
  wss.on('connection', (socket) => {
    const received: string[] = [];
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.on('message', (data) => {
      const text = (data as Buffer).toString();
      received.push(text);
      if (text === 'PING' && answerPings) socket.send('PONG');
    });
    const peer = { socket, received, closed };
    peers.push(peer);
    peerWaiters.shift()?.(peer);
  });
});

afterEach(() => {
  answerPings = true;
  for (const peer of peers) peer.socket.terminate();
  peers = [];
});

afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())));

/** The next connection the peer accepts. */
const nextPeer = () => new Promise<Peer>((resolve) => peerWaiters.push(resolve));

type Managed = InstanceType<ReturnType<typeof createConnection>['WebSocket']>;

/** A connection and everything it told: states, failed attempts; `socket()` makes one as tRPC does and records its events. */
function connection(extra: Partial<ConnectionOptions> = {}) {
  const states: ConnectionState[] = [];
  let attemptsFailed = 0;
  let opens = 0;
  const conn = createConnection({
    open: (to) => {
      opens++;
      return new WebSocket(to);
    },
    onState: (state) => states.push(state),
    onAttemptFailed: () => attemptsFailed++,
    ...extra,
  });
  const socket = (to = url) => {
    const ws: Managed = new conn.WebSocket(to);
    const events: { type: string; event: { data?: unknown; code?: number; reason?: string; message?: string; wasClean?: boolean } }[] = [];
    const waiters: { type: string; resolve: (event: (typeof events)[number]['event']) => void }[] = [];
    for (const type of ['open', 'message', 'close', 'error']) {
      ws.addEventListener(type, (event: unknown) => {
        const e = event as (typeof events)[number]['event'];
        events.push({ type, event: e });
        for (const w of waiters.filter((x) => x.type === type)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
      });
    }
    const next = (type: string) => {
      const seen = events.find((e) => e.type === type);
      if (seen) return Promise.resolve(seen.event);
      return new Promise<(typeof events)[number]['event']>((resolve) => waiters.push({ type, resolve }));
    };
    return { ws, events, next };
  };
  return { conn, states, socket, failed: () => attemptsFailed, opens: () => opens };
}

test('opens in the next tick, relays messages, and reports connecting → connected → idle when closed on purpose', async () => {
  const c = connection();
  expect(c.conn.state()).toBe('idle');
  const peer = nextPeer();
  const s = c.socket();
  expect(s.ws.readyState).toBe(WebSocket.CONNECTING);
  expect(() => s.ws.send('too early')).toThrow('WebSocket is not open');
  await s.next('open');
  expect(s.ws.readyState).toBe(WebSocket.OPEN);
  const p = await peer;
  p.socket.send('hello');
  expect((await s.next('message')).data).toBe('hello');
  s.ws.send('to the peer');
  s.ws.close(4321, 'done here');
  expect(await p.closed).toEqual({ code: 4321, reason: 'done here' });
  await s.next('close');
  expect(s.ws.readyState).toBe(WebSocket.CLOSED);
  expect(p.received).toEqual(['to the peer']);
  expect(c.states).toEqual(['connecting', 'connected', 'idle']);
  expect(c.conn.retryDelayMs()).toBe(0);
});

test('a batch longer than the server accepts goes as several messages, in order; shorter ones and non-batches as they are', async () => {
  const c = connection();
  const peer = nextPeer();
  const s = c.socket();
  await s.next('open');
  const p = await peer;
  const calls = Array.from({ length: REQUEST_LIMITS.batchCalls * 2 + 1 }, (_, id) => ({ id, method: 'subscription' }));
  s.ws.send(JSON.stringify(calls));
  s.ws.send(JSON.stringify(calls.slice(0, 2)));
  s.ws.send('{"id":1}');
  await expect.poll(() => p.received.length).toBe(5);
  const parsed = p.received.slice(0, 3).map((m) => JSON.parse(m) as { id: number }[]);
  expect(parsed.map((part) => part.length)).toEqual([REQUEST_LIMITS.batchCalls, REQUEST_LIMITS.batchCalls, 1]);
  expect(parsed.flat().map((call) => call.id)).toEqual(calls.map((call) => call.id));
  expect(p.received.slice(3)).toEqual([JSON.stringify(calls.slice(0, 2)), '{"id":1}']);
  s.ws.close();
});

test('heartbeat: a peer that answers PING keeps the connection (its PONGs are not relayed); one that stops answering is dropped as dead', async () => {
  const c = connection({ heartbeat: { pingIntervalMs: 20, pongTimeoutMs: 200 } });
  const peer = nextPeer();
  const s = c.socket();
  await s.next('open');
  const p = await peer;
  await expect.poll(() => p.received.filter((m) => m === 'PING').length).toBeGreaterThanOrEqual(3);
  expect(s.events.filter((e) => e.type === 'message')).toEqual([]);
  expect(s.ws.readyState).toBe(WebSocket.OPEN);

  answerPings = false;
  const close = await s.next('close');
  expect(close).toMatchObject({ code: 4000, wasClean: false, reason: 'no message within 200 ms of a ping' });
  // An opened connection that dies is no failed attempt: it was dropped, and tRPC reconnects at once.
  expect(s.events.some((e) => e.type === 'error')).toBe(false);
  expect(c.states).toEqual(['connecting', 'connected', 'reconnecting']);
  expect(c.failed()).toBe(0);
  expect(c.conn.retryDelayMs()).toBe(0);
  // The dead socket was terminated, not asked for a closing handshake.
  expect((await p.closed).code).toBe(1006);

  const again = c.socket();
  await again.next('open');
  expect(c.states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  again.ws.close();
});

test('a socket without terminate() (a browser WebSocket) is closed with code 4000 when found dead', async () => {
  const c = connection({
    heartbeat: { pingIntervalMs: 20, pongTimeoutMs: 100 },
    open: (to) => Object.assign(new WebSocket(to), { terminate: undefined }),
  });
  answerPings = false;
  const peer = nextPeer();
  const s = c.socket();
  await s.next('close');
  expect(await (await peer).closed).toEqual({ code: 4000, reason: 'heartbeat timeout' });
});

test('a handshake that never completes is given up after openTimeoutMs: an error, a failed attempt, backoff before the next', async () => {
  // A TCP server that accepts and never answers: a stalled path or a frozen server.
  const held: Socket[] = [];
  const silent: TcpServer = createTcpServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const c = connection({ heartbeat: { openTimeoutMs: 150 } });
    const s = c.socket(`ws://127.0.0.1:${(silent.address() as AddressInfo).port}/trpc`);
    const error = await s.next('error');
    expect(error.message).toBe('no answer to the WebSocket handshake within 150 ms');
    expect(await s.next('close')).toMatchObject({ code: 4000, wasClean: false });
    expect(s.events.map((e) => e.type)).toEqual(['error', 'close']);
    expect(c.failed()).toBe(1);
    expect(c.states).toEqual(['connecting']);
    // The first retry waits between 125 and 250 ms (jittered).
    const delay = c.conn.retryDelayMs();
    expect(delay).toBeGreaterThanOrEqual(125);
    expect(delay).toBeLessThanOrEqual(250);
  } finally {
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});

test('a handshake the server refuses (401) is an error and a failed attempt; a socket no one listens to ends quietly', async () => {
  const c = connection();
  const s = c.socket(url.replace(/\/trpc$/, '/refused'));
  expect((await s.next('error')).message).toBe('Unexpected server response: 401');
  await s.next('close');
  expect(s.events.map((e) => e.type)).toEqual(['error', 'close']);
  expect(c.failed()).toBe(1);
  expect(c.states).toEqual(['connecting']);

  // No listeners at all (tRPC always adds some): its events go nowhere and nothing throws.
  const bare = new c.conn.WebSocket(url.replace(/\/trpc$/, '/refused'));
  await expect.poll(() => bare.readyState).toBe(WebSocket.CLOSED);
  expect(c.failed()).toBe(2);
});

test('open() throwing is a failed attempt: error and close (1006) events; after maxReconnectAttempts the next waits for reconnect()', async () => {
  let refuse = true;
  const c = connection({
    maxReconnectAttempts: 2,
    open: (to) => {
      if (refuse) throw new Error('no route to host');
      return new WebSocket(to);
    },
  });
  for (let attempt = 1; attempt <= 2; attempt++) {
    const s = c.socket();
    expect(((await s.next('error')) as { error?: Error }).error?.message).toBe('no route to host');
    expect(await s.next('close')).toEqual({ code: 1006, reason: 'Error: no route to host', wasClean: false });
    expect(c.failed()).toBe(attempt);
  }
  expect(c.states).toEqual(['connecting']);

  // Capped: the third attempt does not start until reconnect().
  refuse = false;
  const peer = nextPeer();
  const third = c.socket();
  expect(c.conn.state()).toBe('disconnected');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(third.events).toEqual([]);
  expect(third.ws.readyState).toBe(WebSocket.CONNECTING);
  c.conn.reconnect();
  expect(c.conn.retryDelayMs()).toBe(0);
  await third.next('open');
  await peer;
  expect(c.states).toEqual(['connecting', 'disconnected', 'connecting', 'connected']);
  third.ws.close();
});

test('after markClosed() a new socket waits; closed before it started it ends cleanly without opening; reconnect() lets the next one open', async () => {
  const c = connection();
  c.conn.markClosed();
  const waiting = c.socket();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(c.opens()).toBe(0);
  waiting.ws.close();
  waiting.ws.close(); // a second close is a no-op
  expect(await waiting.next('close')).toEqual({ code: 1000, reason: '', wasClean: true });
  expect(waiting.events.map((e) => e.type)).toEqual(['close']);
  expect(c.conn.state()).toBe('idle');

  // The gate opens: the closed socket stays closed; a new one connects.
  c.conn.reconnect();
  const s = c.socket();
  await s.next('open');
  expect(c.opens()).toBe(1);
  expect(waiting.ws.readyState).toBe(WebSocket.CLOSED);
  s.ws.close();
});

test('a dropped connection reports reconnecting; a socket replaced by a newer one does not speak for the connection', async () => {
  const c = connection();
  const firstPeer = nextPeer();
  const first = c.socket();
  await first.next('open');
  const p1 = await firstPeer;

  p1.socket.close(1012, 'restarting');
  expect(await first.next('close')).toMatchObject({ code: 1012 });
  expect(c.conn.state()).toBe('reconnecting');

  // Two attempts at once: only the newer one's opening and closing change the state.
  const older = c.socket();
  const newer = c.socket();
  await Promise.all([older.next('open'), newer.next('open')]);
  expect(c.conn.state()).toBe('connected');
  older.ws.close();
  await older.next('close');
  expect(c.conn.state()).toBe('connected');
  expect(c.states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);

  // A listener removed hears nothing more.
  const heard: unknown[] = [];
  const listener = (event: unknown) => heard.push(event);
  newer.ws.addEventListener('close', listener);
  newer.ws.removeEventListener('close', listener);
  newer.ws.close();
  await newer.next('close');
  expect(heard).toEqual([]);
  expect(c.conn.state()).toBe('idle');
});
