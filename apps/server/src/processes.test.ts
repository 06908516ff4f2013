import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import { createTestDb } from '@maestro/db/testing';
import { afterAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { collectEvents } from './testing/collect.js';
import { spawnServer, type ServerProcess } from './testing/spawn-server.js';

// Each test starts one or two real servers; on PGlite a start alone took 45 s on a loaded two-core
// machine (spawnServer allows 60 s for it). The default 60 s per test timed them out there.
const SERVER_TESTS = { timeout: 240_000 };

/**
 * A bare WebSocket on the API endpoint that records the messages it receives and how it closes:
 * what any client (the tRPC link, a dashboard) sees of a shutdown.
 */
async function watchSocket(server: ServerProcess) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: { authorization: `Bearer ${server.token}` } });
  const messages: unknown[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { messages, closed };
}

const started: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop('SIGKILL')));
});

describe('one server process on embedded PGlite', SERVER_TESTS, () => {
  test('SIGTERM drains, tells WebSocket clients to reconnect, exits 0 and frees the data directory', async () => {
    const server = await spawnServer({ env: { LOG_LEVEL: 'info' } });
    started.push(server);
    const client = createNodeClient({ url: server.url, token: server.token });
    const project = await client.trpc.project.create.mutate({ name: 'shutdown', workingDir: '/tmp' });
    const feed = collectEvents(client, { projectId: project.id });
    const socket = await watchSocket(server);
    await feed.whenStarted();
    expect(existsSync(join(server.dataDir, 'server.lock'))).toBe(true);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('shutdown complete');
    // tRPC's reconnect notice, then the close code for "service restart" (RFC 6455 1012).
    expect(await socket.closed).toEqual({ code: 1012, reason: 'server restarting' });
    expect(socket.messages).toContainEqual({ id: null, method: 'reconnect' });
    expect(existsSync(join(server.dataDir, 'server.lock'))).toBe(false);
    feed.unsubscribe();
    client.close();
  });

  test('a second server on the same data directory refuses to start, naming the first', async () => {
    const first = await spawnServer();
    started.push(first);
    await expect(spawnServer({ dataDir: first.dataDir })).rejects.toThrow(/Another Maestro server \(pid \d+\) is using/);
  });

  test('data survives a restart on the same data directory', async () => {
    const a = await spawnServer();
    started.push(a);
    const client = createNodeClient({ url: a.url, token: a.token });
    const project = await client.trpc.project.create.mutate({ name: 'durable', workingDir: '/tmp' });
    await a.stop('SIGTERM');
    const b = await spawnServer({ dataDir: a.dataDir });
    started.push(b);
    const again = createNodeClient({ url: b.url, token: b.token });
    expect(b.token).toBe(a.token);
    expect((await again.trpc.project.get.query({ id: project.id })).name).toBe('durable');
  });
});

describe.runIf(process.env.DATABASE_URL)('two server processes on one Postgres', SERVER_TESTS, () => {
  test('a change through A reaches a subscriber on B, and the other way round', async () => {
    const db = await createTestDb();
    const env = { DATABASE_URL: db.url!, MAESTRO_TOKEN: 'shared-token-for-both-servers' };
    try {
      const [a, b] = await Promise.all([spawnServer({ env }), spawnServer({ env })]);
      started.push(a, b);
      const clientA = createNodeClient({ url: a.url, token: a.token });
      const clientB = createNodeClient({ url: b.url, token: b.token });
      const project = await clientA.trpc.project.create.mutate({ name: 'fan-out', workingDir: '/tmp' });
      const onB = collectEvents(clientB, { projectId: project.id });
      const onA = collectEvents(clientA, { projectId: project.id });
      await Promise.all([onB.whenStarted(), onA.whenStarted()]);
      const viaA = await clientA.trpc.task.create.mutate({ projectId: project.id, title: 'written on A' });
      const [first] = await onB.waitFor(1);
      expect(first?.type === 'task:created' && first.payload.task.id).toBe(viaA.id);
      const viaB = await clientB.trpc.task.create.mutate({ projectId: project.id, title: 'written on B' });
      const seenOnA = await onA.waitFor(2);
      expect(seenOnA.map((e) => (e.type === 'task:created' ? e.payload.task.id : null))).toEqual([viaA.id, viaB.id]);
      onA.unsubscribe();
      onB.unsubscribe();
      clientA.close();
      clientB.close();
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      await db.close();
    }
  });
});
