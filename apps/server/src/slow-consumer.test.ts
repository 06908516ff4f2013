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
import { startServer, type RunningServer } from './server.js';
import { collectEvents } from './testing/collect.js';

/**
 * A WebSocket client that stops reading while events flow is dropped once the
 * server holds 8 MiB unsent for it (instead of buffering without bound), and
 * loses nothing: subscribing again from its last event id brings the rest.
 */

let server: RunningServer;
let scratch: Awaited<ReturnType<typeof createTestDb>> | null = null;
let client: MaestroClient;

beforeAll(async () => {
  scratch = process.env.DATABASE_URL ? await createTestDb() : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-slow-test-'));
  const env = parseEnv({ PORT: '0', MAESTRO_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', LOG_LEVEL: 'silent' });
  server = await startServer({ env, logger: createLogger('silent') });
  client = createNodeClient({ url: server.url, token: server.token.token });
});

afterAll(async () => {
  client?.close();
  await server?.close();
  await scratch?.close();
});

const slowDrops = async () => {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^maestro_websocket_slow_consumers_total (\d+)/m.exec(text)?.[1] ?? 0);
};

// Skipped, not passing: the paused client's stream sometimes stops being fed (events_delivered
// stalls near 560 events / ~10 MB while events_published grows), so the 8 MiB cap is never reached
// and nothing is dropped. Seen on PGlite every run here and on PostgreSQL in two CI runs (also at
// 6bbe076). Open in issue #15; tests/faults/src/slow-clients.test.ts covers drops across processes.
describe.skip('a client that stops reading', () => {
  test('is dropped past the unsent-bytes cap, and resuming from its last event id receives every event', async () => {
    const project = await client.trpc.project.create.mutate({ name: 'slow', workingDir: '/tmp' });
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
    ws.send(JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'subscription', params: { path: 'events.onEvent', input: { projectId: project.id } } }));
    const first = await client.trpc.task.create.mutate({ projectId: project.id, title: 'first' });
    await expect.poll(() => seen.length, { timeout: 30_000 }).toBeGreaterThan(0);
    // Stop reading: the kernel's buffers fill, then the server's.
    (ws as unknown as { _socket: Socket })._socket.pause();

    // ~40 MB of events (20 KB descriptions), far past the 8 MiB cap and the kernel's buffers.
    const description = 'x'.repeat(19_000);
    const created = [first.id];
    for (let round = 0; round < 100 && (await slowDrops()) === 0; round++) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, i) => client.trpc.task.create.mutate({ projectId: project.id, title: `t${round}-${i}`, description })),
      );
      created.push(...batch.map((t) => t.id));
    }
    // Delivery runs behind the writes (with PostgreSQL the sequencer numbers
    // events after commit), so the drop may come after the last write.
    await expect.poll(slowDrops, { timeout: 60_000 }).toBe(1);

    // Reading again, it finds what was sent before the drop, then the end of the connection.
    (ws as unknown as { _socket: Socket })._socket.resume();
    await closed;
    expect(closedWith).not.toBe(1000);
    const last = seen.at(-1)!.id;

    // Resuming from the last id it saw brings every later event: together, every task exactly once.
    const resumed = collectEvents(client, { projectId: project.id, lastEventId: last });
    const createdTasks = () =>
      [...seen, ...resumed.events.map((e) => ({ taskId: e.type === 'task:created' ? e.payload.task.id : undefined }))].map((e) => e.taskId).filter(Boolean);
    await expect.poll(() => createdTasks().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(created.length);
    expect(createdTasks().sort()).toEqual([...created].sort());
    resumed.unsubscribe();
  });
});
