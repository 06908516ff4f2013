import { createNodeClient } from '@maestro/client/node';
import { collectEvents, spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, expect, test } from 'vitest';
import { createPgCluster, type PgCluster } from './pg-cluster.js';

// Two servers on one PostgreSQL; a client given both URLs loses the one it uses.
const TOKEN = 'failover-test-token-0123456789';
let pg: PgCluster | undefined;
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  await pg?.destroy();
});

test('kill -9 the server a client uses: it moves to the other one, its writes go on, its subscription misses nothing', async () => {
  pg = await createPgCluster();
  const [a, b] = await Promise.all([
    spawnServer({ env: { DATABASE_URL: pg.url, MAESTRO_TOKEN: TOKEN } }),
    spawnServer({ env: { DATABASE_URL: pg.url, MAESTRO_TOKEN: TOKEN } }),
  ]);
  servers.push(a, b);
  const states: string[] = [];
  const client = createNodeClient({
    url: a.url,
    fallbackUrls: [b.url],
    token: TOKEN,
    retry: { retries: 5, baseDelayMs: 100 },
    onConnectionState: (s) => states.push(s),
  });
  const project = await client.trpc.project.create.mutate({ name: 'failover', workingDir: '/tmp' });
  const feed = collectEvents(client, { projectId: project.id, lastEventId: '0' });
  const titles: string[] = [];
  const write = async (n: number, prefix: string) => {
    for (let i = 0; i < n; i++) titles.push((await client.trpc.task.create.mutate({ projectId: project.id, title: `${prefix} ${i}` })).title);
  };
  await write(5, 'on A');
  await feed.waitFor(6);

  await a.stop('SIGKILL');
  await write(5, 'after A died');
  const events = await feed.waitFor(11, 30_000);
  // A window for a repeated event to arrive after the eleven: absence has no event to wait for.
  await new Promise((r) => setTimeout(r, 500));
  expect(feed.events).toHaveLength(11);
  expect(events.map((e) => (e.type === 'task:created' ? e.payload.task.title : e.type))).toEqual(['project:created', ...titles]);
  const ids = events.map((e) => e.id);
  expect([...ids].sort((x, y) => x - y)).toEqual(ids);
  expect(states).toContain('reconnecting');
  expect(states.at(-1)).toBe('connected');
  feed.unsubscribe();
  client.close();
});
