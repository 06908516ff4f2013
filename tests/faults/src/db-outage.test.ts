import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import { collectEvents, spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPgCluster, type PgCluster } from './pg-cluster.js';
import { ROOT, until } from './processes.js';

/** The built `maestro` CLI against server B; resolves with its exit code and parsed --json output. */
function cli(url: string, token: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; out: { success: boolean; error?: { code: string; hint?: string } } }>((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'apps/cli/dist/maestro-bundle.cjs'), ...args, '--json'],
      { env: { PATH: process.env.PATH ?? '', HOME: '/tmp', MAESTRO_API_URL: url, MAESTRO_TOKEN: token, ...env } },
      (error, stdout) => resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, out: JSON.parse(stdout) as never }),
    );
  });
}

// PostgreSQL goes away under running servers and comes back: a throwaway cluster this test starts and stops itself.
let pg: PgCluster;
let a: ServerProcess;
let b: ServerProcess;
let clientA: MaestroClient;
let clientB: MaestroClient;

beforeAll(async () => {
  pg = await createPgCluster();
  a = await spawnServer({ env: { DATABASE_URL: pg.url, MAESTRO_TOKEN: 'outage-test-token-0123456789' } });
  b = await spawnServer({ env: { DATABASE_URL: pg.url, MAESTRO_TOKEN: 'outage-test-token-0123456789' } });
  clientA = createNodeClient({ url: a.url, token: a.token });
  clientB = createNodeClient({ url: b.url, token: b.token });
});

afterAll(async () => {
  clientA?.close();
  clientB?.close();
  await a?.stop();
  await b?.stop();
  await pg?.destroy();
});

const healthStatus = async (url: string) => (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })).status;

test('database down: /health 503 within seconds, calls fail fast with UNAVAILABLE; back up: recovery without restart, LISTEN resubscribed, nothing missed', async () => {
  const project = await clientB.trpc.project.create.mutate({ name: 'outage', workingDir: '/tmp' });
  // Subscribed on server A; every write goes through server B, so events reach A only over LISTEN/NOTIFY.
  const feed = collectEvents(clientA, { projectId: project.id });
  await feed.whenStarted();
  const before = await clientB.trpc.task.create.mutate({ projectId: project.id, title: 'before the outage' });
  await feed.waitFor(1);

  const downAt = Date.now();
  await pg.stop();
  await until('/health 503 on both servers', async () => (await healthStatus(a.url)) === 503 && (await healthStatus(b.url)) === 503, 15_000);
  expect(Date.now() - downAt).toBeLessThan(10_000);

  const callAt = Date.now();
  const failure = await clientB.trpc.task.create.mutate({ projectId: project.id, title: 'during the outage' }).catch((e: unknown) => e);
  expect(Date.now() - callAt).toBeLessThan(10_000);
  expect(failure).toMatchObject({ data: { httpStatus: 503, maestro: { code: 'UNAVAILABLE' } } });
  expect((failure as { data: { maestro: { hint?: string } } }).data.maestro.hint).toMatch(/database/i);
  expect(a.child.exitCode).toBeNull();
  expect(b.child.exitCode).toBeNull();

  // The CLI: UNAVAILABLE is exit 3 once its retries are spent, and retries carry it across the outage.
  const noRetries = await cli(b.url, b.token, ['task', 'list', '--project', project.id], { MAESTRO_RETRIES: '0' });
  expect(noRetries.code).toBe(3);
  expect(noRetries.out.error?.code).toBe('UNAVAILABLE');
  const retrying = cli(b.url, b.token, ['task', 'create', 'created by a retrying CLI', '--project', project.id], {
    MAESTRO_RETRIES: '10',
    MAESTRO_RETRY_DELAY: '1000',
  });
  // Time for the CLI to be turned away at least once while the database is down (its retries then
  // carry it across). Left as a sleep: the CLI says nothing between attempts that could be awaited.
  await new Promise((r) => setTimeout(r, 1_500));

  await pg.start();
  const retried = await retrying;
  expect(retried.code, JSON.stringify(retried.out)).toBe(0);
  await until('/health 200 on both servers', async () => (await healthStatus(a.url)) === 200 && (await healthStatus(b.url)) === 200, 30_000);
  const after = [];
  for (let i = 0; i < 5; i++) after.push(await clientB.trpc.task.create.mutate({ projectId: project.id, title: `after ${i}` }));
  await feed.waitFor(7, 30_000);
  // A window for a repeated event to arrive after the seven: absence has no event to wait for.
  await new Promise((r) => setTimeout(r, 500));
  const created = feed.events.map((e) => (e.type === 'task:created' ? e.payload.task.title : e.type));
  // The retried create landed exactly once, in order with the rest.
  expect(created).toEqual([before.title, 'created by a retrying CLI', ...after.map((t) => t.title)]);
  expect(feed.errors).toEqual([]);
  feed.unsubscribe();
});
