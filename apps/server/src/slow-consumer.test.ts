import { mkdtempSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import { createTestDb } from '@maestro/db/testing';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseEnv } from './env.js';
import { createLogger } from './logger.js';
import { startServer, type WS_KEEPALIVE, type RunningServer } from './server.js';
import { SLOW_CONSUMER_CLOSE_CODE } from './ws-limits.js';
import { collectEvents } from './testing/collect.js';

/**
 * A WebSocket client that stops reading while events flow loses nothing: the
 * server drops it (instead of buffering without bound) once it holds 8 MiB
 * unsent for it, or once it misses a keep-alive pong, whichever comes first;
 * subscribing again from its last event id brings the rest.
 */

interface Stack {
  server: RunningServer;
  client: MaestroClient;
  close(): Promise<void>;
}

async function startStack(keepAlive?: typeof WS_KEEPALIVE): Promise<Stack> {
  const scratch = process.env.DATABASE_URL ? await createTestDb() : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-slow-test-'));
  const env = parseEnv({ PORT: '0', MAESTRO_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', LOG_LEVEL: 'silent' });
  const server = await startServer({ env, logger: createLogger('silent'), ...(keepAlive ? { keepAlive } : {}) });
  const client = createNodeClient({ url: server.url, token: server.token.token });
  return {
    server,
    client,
    async close() {
      client.close();
      await server.close();
      await scratch?.close();
    },
  };
}

const metric = async (server: RunningServer, name: string) => {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
};

/** A raw subscriber to one project's events that can stop reading at the socket. */
async function pausableSubscriber(server: RunningServer, projectId: string) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: { authorization: `Bearer ${server.token.token}` } });
  const seen: { id: string; taskId?: string }[] = [];
  ws.on('message', (data) => {
    const text = (data as Buffer).toString('utf8');
    if (text === 'PING') return;
    // A tracked item: its id (the resume point) and the event.
    const msg = JSON.parse(text) as { result?: { type: string; data?: { id: string; data: { type: string; payload?: { task?: { id: string } } } } } };
    const item = msg.result?.type === 'data' ? msg.result.data : undefined;
    if (item) seen.push({ id: item.id, taskId: item.data.type === 'task:created' ? item.data.payload?.task?.id : undefined });
  });
  let closedWith: number | null = null;
  const closed = new Promise<void>((resolve) => ws.once('close', (code) => ((closedWith = code), resolve())));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'subscription', params: { path: 'events.onEvent', input: { projectId } } }));
  const socket = () => (ws as unknown as { _socket: Socket })._socket;
  return {
    seen,
    closed,
    closedWith: () => closedWith,
    pause: () => socket().pause(),
    resume: () => socket().resume(),
  };
}

/** Every task created appears exactly once across what the subscriber saw and a resume from its last id. */
async function expectResumeCompletes(client: MaestroClient, projectId: string, seen: { id: string; taskId?: string }[], created: string[]) {
  const resumed = collectEvents(client, { projectId, lastEventId: seen.at(-1)!.id });
  const createdTasks = () =>
    [...seen, ...resumed.events.map((e) => ({ taskId: e.type === 'task:created' ? e.payload.task.id : undefined }))].map((e) => e.taskId).filter(Boolean);
  await expect.poll(() => createdTasks().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(created.length);
  expect(createdTasks().sort()).toEqual([...created].sort());
  resumed.unsubscribe();
}

describe('a client that stops reading but would answer pings', () => {
  let stack: Stack;
  // Pings far apart, so only the unsent-bytes cap can end the connection (a paused socket reads no PING).
  beforeAll(async () => (stack = await startStack({ pingMs: 600_000, pongWaitMs: 600_000 })));
  afterAll(() => stack?.close());

  test('is dropped past the unsent-bytes cap, and resuming from its last event id receives every event', async () => {
    const { server, client } = stack;
    const project = await client.trpc.project.create.mutate({ name: 'slow', workingDir: '/tmp' });
    const subscriber = await pausableSubscriber(server, project.id);
    const first = await client.trpc.task.create.mutate({ projectId: project.id, title: 'first' });
    await expect.poll(() => subscriber.seen.length, { timeout: 30_000 }).toBeGreaterThan(0);
    // Stop reading: the kernel's buffers fill, then the server's.
    subscriber.pause();

    // Up to ~40 MB of events (20 KB descriptions), far past the 8 MiB cap and the kernel's buffers.
    const description = 'x'.repeat(19_000);
    const created = [first.id];
    const drops = () => metric(server, 'maestro_websocket_slow_consumers_total');
    for (let round = 0; round < 100 && (await drops()) === 0; round++) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, i) => client.trpc.task.create.mutate({ projectId: project.id, title: `t${round}-${i}`, description })),
      );
      created.push(...batch.map((t) => t.id));
    }
    // Delivery runs behind the writes (with PostgreSQL the sequencer numbers
    // events after commit), so the drop may come after the last write.
    await expect.poll(drops, { timeout: 60_000 }).toBe(1);

    // Reading again, it finds what was sent before the drop, then the end of the connection.
    subscriber.resume();
    await subscriber.closed;
    expect(subscriber.closedWith()).toBe(SLOW_CONSUMER_CLOSE_CODE);
    await expectResumeCompletes(client, project.id, subscriber.seen, created);
  });
});

describe('a client that stops reading altogether', () => {
  let stack: Stack;
  beforeAll(async () => (stack = await startStack()));
  afterAll(() => stack?.close());

  test('is cut when it misses a keep-alive pong, its stream ends, and resuming from its last event id receives every event', async () => {
    const { server, client } = stack;
    const project = await client.trpc.project.create.mutate({ name: 'stalled', workingDir: '/tmp' });
    const before = await metric(server, 'maestro_websocket_connections');
    const subscriber = await pausableSubscriber(server, project.id);
    const created = [(await client.trpc.task.create.mutate({ projectId: project.id, title: 'first' })).id];
    await expect.poll(() => subscriber.seen.length, { timeout: 30_000 }).toBeGreaterThan(0);
    subscriber.pause();
    const delivered = await metric(server, 'maestro_events_delivered_total');

    // Events keep coming while it reads nothing; after a quiet ping interval the server pings,
    // gets no pong and closes the socket (WS_KEEPALIVE: ~7 s), well before the 8 MiB cap.
    const description = 'y'.repeat(1_000);
    const connected = async () => (await metric(server, 'maestro_websocket_connections')) > before;
    while (await connected()) {
      created.push((await client.trpc.task.create.mutate({ projectId: project.id, title: `t${created.length}`, description })).id);
    }
    expect(await metric(server, 'maestro_websocket_slow_consumers_total')).toBe(0);
    // Its stream ended with the socket: writes after the cut deliver nothing more to it.
    const afterCut = await metric(server, 'maestro_events_delivered_total');
    expect(afterCut).toBeGreaterThan(delivered);
    created.push((await client.trpc.task.create.mutate({ projectId: project.id, title: 'after the cut' })).id);
    expect(await metric(server, 'maestro_events_delivered_total')).toBe(afterCut);

    subscriber.resume();
    await subscriber.closed;
    expect(subscriber.closedWith()).not.toBe(1000);
    await expectResumeCompletes(client, project.id, subscriber.seen, created);
  });
});
