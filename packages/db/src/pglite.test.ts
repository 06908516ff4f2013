import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb, type DbHandle } from './client.js';

const dataDir = join(mkdtempSync(join(tmpdir(), 'maestro-pglite-')), 'pglite');
const fsynced: string[] = [];
let handle: DbHandle;

beforeAll(async () => {
  handle = createDb({ dataDir, pgliteHooks: { onFsync: (path) => fsynced.push(path) } });
  await handle.migrate();
});
afterAll(async () => {
  await handle.close();
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

/** PGlite's drizzle driver answers `execute` with `{ rows }`. */
async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const result: unknown = await handle.db.execute(query);
  const { rows } = result as { rows: T[] };
  return rows[0]!;
}

async function setting(name: string): Promise<string> {
  return (await one<{ value: string }>(sql`select current_setting(${name}) as value`)).value;
}

test('a fresh data directory gets a whole cluster before the server opens it', () => {
  expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  expect(existsSync(join(dataDir, 'global', 'pg_control'))).toBe(true);
});

test('a committed transaction has its WAL fsynced by the time it resolves', async () => {
  await handle.db.execute(sql`create table if not exists durability_probe (n int)`);
  const before = fsynced.length;
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`insert into durability_probe values (1)`);
    // Nothing is flushed before the commit: the fsync belongs to the commit.
    expect(fsynced.length).toBe(before);
  });
  const flushed = fsynced.slice(before);
  expect(flushed.some((path) => path.startsWith(join(dataDir, 'pg_wal') + '/'))).toBe(true);
});

test('each of several commits is flushed (none acknowledged from memory alone)', async () => {
  const walFlushes = () => fsynced.filter((path) => path.includes('/pg_wal/')).length;
  const before = walFlushes();
  for (let i = 0; i < 5; i++) await handle.db.execute(sql`insert into durability_probe values (${i})`);
  expect(walFlushes() - before).toBeGreaterThanOrEqual(5);
});

test('PostgreSQL runs with fsync on and small buffers (160 MB of shared_buffers was most of the idle RSS)', async () => {
  expect(await setting('fsync')).toBe('on');
  expect(await setting('wal_sync_method')).toBe('fsync');
  expect(await setting('shared_buffers')).toBe('16MB');
});

test('what was committed is there after a reopen', async () => {
  await handle.close();
  handle = createDb({ dataDir });
  expect((await one<{ n: number }>(sql`select count(*)::int as n from durability_probe`)).n).toBe(6);
});
