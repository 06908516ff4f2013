import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import type { MaestroEvent } from '@maestro/schemas';
import { collectEvents, freePort, spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { createPgCluster, type PgCluster } from './pg-cluster.js';

/**
 * 20 clients write over HTTP (creates, updates, subtasks, claims) while 3
 * subscribe over WebSocket; the server is killed with SIGKILL 3 times and
 * restarted on the same port and data. Afterwards every acknowledged mutation
 * is present exactly once, no retried mutation was applied twice, and every
 * subscriber saw the whole event log in order, nothing missed or repeated.
 */
const WRITERS = 20;
const SUBSCRIBERS = 3;
const KILLS = 3;
const TOKEN = 'crash-under-load-token-0123456789';

let pg: PgCluster | undefined;
afterAll(async () => {
  await pg?.destroy();
});

async function listAll(client: MaestroClient, projectId: string) {
  const items = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await client.trpc.task.list.query({ projectId, limit: 500, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}

async function allEvents(client: MaestroClient, projectId: string): Promise<MaestroEvent[]> {
  const out: MaestroEvent[] = [];
  let afterId: number | undefined;
  for (;;) {
    const page = await client.trpc.events.list.query({ projectId, limit: 500, ...(afterId !== undefined ? { afterId } : {}) });
    out.push(...(page.items as MaestroEvent[]));
    if (page.nextAfterId === null) return out;
    afterId = page.nextAfterId;
  }
}

async function crashUnderLoad(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-crash-'));
  const port = await freePort();
  const start = () => spawnServer({ dataDir, port, env: { MAESTRO_TOKEN: TOKEN, ...env } });
  let server: ServerProcess = await start();
  const url = server.url;
  const retry = { retries: 60, baseDelayMs: 100, maxDelayMs: 1_000 };
  const admin = createNodeClient({ url, token: TOKEN, retry });
  const project = await admin.trpc.project.create.mutate({ name: 'crash', workingDir: '/tmp' });
  const subscribers = Array.from({ length: SUBSCRIBERS }, () => createNodeClient({ url, token: TOKEN }));
  // From the start of the log (lastEventId 0), so each feed should equal the project's whole event log.
  const feeds = subscribers.map((c) => collectEvents(c, { projectId: project.id, lastEventId: '0' }));
  await Promise.all(feeds.map((feed) => feed.whenStarted()));

  // What each writer was told succeeded.
  const acked = {
    created: new Map<string, string>(),
    described: new Map<string, string>(),
    subtasks: new Map<string, string>(),
    claimed: new Map<string, string>(),
  };
  let stop = false;
  const writer = async (w: number) => {
    const client = createNodeClient({ url, token: TOKEN, retry });
    for (let n = 0; !stop; n++) {
      const title = `w${w}-${n}`;
      try {
        const task = await client.trpc.task.create.mutate({ projectId: project.id, title });
        acked.created.set(title, task.id);
        await client.trpc.task.update.mutate({ id: task.id, description: `described ${title}` });
        acked.described.set(task.id, `described ${title}`);
        const sub = await client.trpc.subtask.create.mutate({ taskId: task.id, title: `${title}-sub` });
        acked.subtasks.set(sub.id, task.id);
        if (n % 3 === 0) {
          const claimed = await client.trpc.task.claim.mutate({ projectId: project.id, claimant: `writer-${w}` }).catch((e: unknown) => {
            if ((e as { data?: { maestro?: { code?: string } } }).data?.maestro?.code === 'NOTHING_READY') return null;
            throw e;
          });
          if (claimed) acked.claimed.set(claimed.id, `writer-${w}`);
        }
      } catch (error) {
        // Retries ran out (a restart took longer than they cover): that mutation is simply unacknowledged.
        if (!stop) await new Promise((r) => setTimeout(r, 200));
        void error;
      }
    }
    client.close();
  };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));

  for (let k = 0; k < KILLS; k++) {
    await new Promise((r) => setTimeout(r, 3_000));
    await server.stop('SIGKILL');
    server = await start();
  }
  await new Promise((r) => setTimeout(r, 3_000));
  stop = true;
  await Promise.all(writers);

  const tasks = await listAll(admin, project.id);
  const byTitle = new Map<string, number>();
  for (const t of tasks) byTitle.set(t.title, (byTitle.get(t.title) ?? 0) + 1);
  // Nothing applied twice, acknowledged or not.
  expect([...byTitle].filter(([, n]) => n > 1)).toEqual([]);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  expect(acked.created.size).toBeGreaterThan(WRITERS);
  for (const [title, id] of acked.created) expect(byId.get(id)?.title, title).toBe(title);
  for (const [id, description] of acked.described) expect(byId.get(id)?.description).toBe(description);
  for (const [id, parent] of acked.subtasks) expect(byId.get(id)?.parentId).toBe(parent);
  for (const [id, claimant] of acked.claimed) expect(byId.get(id)?.assignee).toBe(claimant);

  // Subscribers: the whole log, in order, once.
  const log = await allEvents(admin, project.id);
  const logIds = log.map((e) => e.id);
  for (const feed of feeds) {
    await feed.waitFor(log.length, 60_000);
    // A window for a repeated event to arrive after the whole log: absence has no event to wait for.
    await new Promise((r) => setTimeout(r, 300));
    expect(feed.events.map((e) => e.id)).toEqual(logIds);
    feed.unsubscribe();
  }
  for (const c of [admin, ...subscribers]) c.close();
  await server.stop();
  return { acknowledged: acked.created.size, events: log.length };
}

describe('crash under load: kill -9 the server 3 times while 20 clients write and 3 subscribe', () => {
  test('on PGlite', { timeout: 600_000 }, async () => {
    const { acknowledged, events } = await crashUnderLoad({});
    expect(acknowledged).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(0);
  });

  test('on PostgreSQL', { timeout: 600_000 }, async () => {
    pg = await createPgCluster();
    const { acknowledged, events } = await crashUnderLoad({ DATABASE_URL: pg.url });
    expect(acknowledged).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(0);
  });
});
