import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@maestro/api';
import { createNodeClient } from '@maestro/client/node';
import { createTestDb } from '@maestro/db/testing';
import { createTRPCClient, createWSClient, wsLink, type TRPCClient } from '@trpc/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { parseEnv } from './env.js';
import { createLogger } from './logger.js';
import { REVOKED_CLOSE_CODE } from './revocation.js';
import { startServer, type RunningServer } from './server.js';
import { collectEvents } from './testing/collect.js';

let server: RunningServer;
let scratch: Awaited<ReturnType<typeof createTestDb>> | null = null;

beforeAll(async () => {
  scratch = process.env.DATABASE_URL ? await createTestDb() : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-revocation-'));
  const env = parseEnv({ PORT: '0', MAESTRO_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', LOG_LEVEL: 'silent' });
  server = await startServer({ env, logger: createLogger('silent') });
});

afterAll(async () => {
  await server?.close();
  await scratch?.close();
});

/** Plays the runner's part with the server token: a live session and the token its agent would get. */
async function liveSession() {
  const admin = createNodeClient({ url: server.url, token: server.token.token }).trpc;
  const project = await admin.project.create.mutate({ name: `rev-${Date.now()}-${Math.random()}`, workingDir: '/tmp' });
  const task = await admin.task.create.mutate({ projectId: project.id, title: 'revocation' });
  const { runnerId } = await admin.runner.register.mutate({ name: 'test-runner', hostname: 'test', pid: process.pid });
  const session = await admin.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'true' });
  const claimed = await admin.runner.claim.mutate({ runnerId, sessionId: session.id });
  await admin.runner.started.mutate({ runnerId, sessionId: session.id, pid: process.pid, workingDir: '/tmp', branch: null });
  const end = () => admin.runner.exit.mutate({ runnerId, sessionId: session.id, exitCode: 0, signal: null, error: null });
  return { admin, project, task, session, token: claimed.token, end };
}

/** Every call over one WebSocket (no HTTP), as the dashboard or `watch` would hold it open. */
function socketClient(token: string) {
  const closes: number[] = [];
  const ws = createWSClient({
    url: `${server.url.replace('http', 'ws')}/trpc?token=${encodeURIComponent(token)}`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    lazy: { enabled: false, closeMs: 0 },
    retryDelayMs: () => 60_000,
    onClose: (cause) => closes.push(cause?.code ?? 0),
  });
  const trpc: TRPCClient<AppRouter> = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  return { trpc, closes, close: () => ws.close() };
}

// The per-call check behind this (every procedure refused on a connection that outlived its
// session, nothing written) is proved for each procedure in packages/api's auth.test.ts.
test('a session token on an already-open WebSocket stops working when its session ends: queries, mutations, spawns and open subscriptions', async () => {
  const { admin, project, task, token, end } = await liveSession();
  const socket = socketClient(token);
  const owner = createNodeClient({ url: server.url, token: server.token.token });
  try {
    // Before the end the socket works for everything its token may do.
    expect((await socket.trpc.task.get.query({ id: task.id })).id).toBe(task.id);
    const received: string[] = [];
    const sub = socket.trpc.events.onEvent.subscribe(
      { projectId: project.id },
      {
        onData: (envelope) => received.push((envelope.data as { type: string }).type),
      },
    );
    await socket.trpc.task.comment.mutate({ id: task.id, body: 'while live' });
    await expect.poll(() => received).toContain('task:commented');
    // An owner's subscription on the same server: it shows when an event has been delivered.
    const witness = collectEvents(owner, { projectId: project.id });
    await witness.whenStarted();

    await end();

    // The open subscription ends with the socket (closed with the revocation code), and nothing after the end reaches it.
    await expect.poll(() => socket.closes).toContain(REVOKED_CLOSE_CODE);
    const seen = received.length;
    await admin.task.comment.mutate({ id: task.id, body: 'after the end' });
    // Delivered to the owner's subscription: one still open on the revoked socket would have had it in the same publish.
    await expect.poll(() => witness.events.some((e) => e.type === 'task:commented' && e.payload.body === 'after the end'), { timeout: 20_000 }).toBe(true);
    expect(received.length).toBe(seen);
    witness.unsubscribe();
    sub.unsubscribe();
  } finally {
    await socket.close();
    owner.close();
  }
});

test('a new upgrade with an ended session token is refused', async () => {
  const { token, end } = await liveSession();
  await end();
  const status = await new Promise<number | undefined>((resolve) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: { authorization: `Bearer ${token}` } });
    ws.once('open', () => (ws.close(), resolve(101)));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
    ws.once('error', () => resolve(undefined));
  });
  expect(status).toBe(401);
});

test('a revoked named token is refused over HTTP and on a WebSocket opened before, whose subscriptions end', async () => {
  const admin = createNodeClient({ url: server.url, token: server.token.token }).trpc;
  const project = await admin.project.create.mutate({ name: `named-${Date.now()}`, workingDir: '/tmp' });
  const { token: named, secret } = await admin.token.create.mutate({ name: `ci-${Date.now()}`, role: 'member' });
  const http = createNodeClient({ url: server.url, token: secret }).trpc;
  expect((await http.task.list.query({ projectId: project.id })).items).toEqual([]);
  const socket = socketClient(secret);
  try {
    const received: string[] = [];
    const sub = socket.trpc.events.onEvent.subscribe({ projectId: project.id }, { onData: (e) => received.push((e.data as { type: string }).type) });
    await socket.trpc.task.create.mutate({ projectId: project.id, title: 'over the socket' });
    await expect.poll(() => received).toContain('task:created');

    await admin.token.revoke.mutate({ token: named.id });

    await expect.poll(() => socket.closes).toContain(REVOKED_CLOSE_CODE);
    const refused = await http.task.list.query({ projectId: project.id }).then(
      () => null,
      (e: unknown) => (e as { data?: { httpStatus?: number } }).data?.httpStatus,
    );
    expect(refused).toBe(401);
    sub.unsubscribe();
  } finally {
    await socket.close();
  }
});
