import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import { createTestDb } from '@maestro/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseEnv } from './env.js';
import { createLogger } from './logger.js';
import { startServer, type RunningServer } from './server.js';
import { collectEvents } from './testing/collect.js';
import { createTcpProxy, type TcpProxy } from './testing/tcp-proxy.js';

let server: RunningServer;
let proxy: TcpProxy;
let direct: MaestroClient;
let projectId: string;

let scratch: Awaited<ReturnType<typeof createTestDb>> | null = null;

beforeAll(async () => {
  // On PostgreSQL each file gets its own throwaway database, never the shared one.
  scratch = process.env.DATABASE_URL ? await createTestDb() : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-resume-'));
  server = await startServer({
    env: parseEnv({ PORT: '0', MAESTRO_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '' }),
    logger: createLogger('silent'),
  });
  proxy = await createTcpProxy({ host: '127.0.0.1', port: server.port });
  direct = createNodeClient({ url: server.url, token: server.token.token });
  projectId = (await direct.trpc.project.create.mutate({ name: 'resume', workingDir: '/tmp' })).id;
});

afterAll(async () => {
  direct?.close();
  await proxy?.close();
  await server?.close();
  await scratch?.close();
});

async function makeChanges(n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await direct.trpc.task.create.mutate({ projectId, title: `${prefix} ${i}` })).id);
  return ids;
}

/**
 * A window for an event that should not come (one missed while away, a duplicate, another
 * task's) to arrive anyway: absence has no event to wait for.
 */
const settle = () => new Promise((r) => setTimeout(r, 300));

test('a dropped connection reconnects by itself and resumes exactly where it left off', async () => {
  const viaProxy = createNodeClient({ url: proxy.url, token: server.token.token });
  const feed = collectEvents(viaProxy, { projectId });
  await feed.whenStarted();
  await makeChanges(1, 'before');
  await feed.waitFor(1);

  proxy.refuse();
  const missed = await makeChanges(10, 'while away');
  await settle();
  expect(feed.events).toHaveLength(1);
  proxy.resume();

  const events = await feed.waitFor(11);
  await settle();
  expect(events).toHaveLength(11);
  const resumed = events.slice(1);
  expect(resumed.map((e) => (e.type === 'task:created' ? e.payload.task.id : e.type))).toEqual(missed);
  const ids = events.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  feed.unsubscribe();
  viaProxy.close();
});

test('a new subscription with lastEventId gets exactly the events after it, then live ones', async () => {
  const first = collectEvents(direct, { projectId });
  await first.whenStarted();
  await makeChanges(1, 'seen');
  const [seen] = await first.waitFor(1);
  first.unsubscribe();

  const missed = await makeChanges(10, 'missed');
  const second = createNodeClient({ url: server.url, token: server.token.token });
  const resumed = collectEvents(second, { projectId, lastEventId: String(seen!.id) });
  const backfill = await resumed.waitFor(10);
  expect(backfill.map((e) => (e.type === 'task:created' ? e.payload.task.id : null))).toEqual(missed);

  const live = await makeChanges(1, 'live');
  const all = await resumed.waitFor(11);
  await settle();
  expect(all).toHaveLength(11);
  expect(all[10]?.type === 'task:created' && all[10].payload.task.id).toBe(live[0]);
  resumed.unsubscribe();
  second.close();
});

test('filters by task: only that task’s timeline arrives', async () => {
  const [a, b] = await makeChanges(2, 'filtered');
  const feed = collectEvents(direct, { taskId: a! });
  await feed.whenStarted();
  await direct.trpc.task.update.mutate({ id: b!, title: 'other task' });
  await direct.trpc.task.update.mutate({ id: a!, title: 'this task' });
  const [event] = await feed.waitFor(1);
  await settle();
  expect(feed.events).toHaveLength(1);
  expect(event?.taskId).toBe(a);
  feed.unsubscribe();
});
