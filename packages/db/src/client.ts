import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { openPglite, type PgliteHooks } from './pglite.js';
import { withPreparedStatements } from './prepared-statements.js';
import { postgresPoolStats, trackPglite, type PoolStats } from './pool-stats.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The one database type every query takes; both drivers satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A query runs the same inside or outside a transaction. */
export type Queryable = Db | Tx;

export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** The postgres.js client when `kind` is postgres (LISTEN/NOTIFY needs it). */
  sql: postgres.Sql | null;
  migrate(): Promise<void>;
  /** The connections' state now (in use, idle, waiting); one round trip on PostgreSQL. */
  poolStats(): Promise<PoolStats>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** A postgres:// URL; without it an embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string | undefined;
  /** Pool size for postgres.js. */
  max?: number;
  migrationsFolder?: string;
  /** PGlite with a data directory only: observe its fsyncs (tests). */
  pgliteHooks?: PgliteHooks;
}

/**
 * Migrations live beside the package source (`packages/db/drizzle`) and are
 * copied next to a bundle (`dist/drizzle`); take whichever exists.
 */
export function defaultMigrationsFolder(): string {
  for (const rel of ['../drizzle', './drizzle']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}/meta/_journal.json`)) return dir;
  }
  throw new Error('Drizzle migrations not found next to @maestro/db or the bundle (expected drizzle/meta/_journal.json)');
}

/** Closing twice (a failed health check, then shutdown) must not throw. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}

/**
 * Server-side limits on every pooled connection, so one frozen process (a
 * paused VM, a long GC) cannot stall the others: a transaction left idle that
 * long is ended by PostgreSQL (its row locks freed), a lock waited for that
 * long, or a statement run that long, fails. Far above what a healthy call
 * takes; docs/reliability.md says what a client sees.
 */
export const POOL_TIMEOUTS = {
  idle_in_transaction_session_timeout: 5_000,
  lock_timeout: 10_000,
  statement_timeout: 60_000,
} as const;

/** Migrations may rewrite big tables: they run on a connection of their own, without the pool's timeouts. */
async function migrateWithoutTimeouts(url: string, migrationsFolder: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migratePostgres(drizzlePostgres({ client: sql, schema }), { migrationsFolder });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

let pools = 0;

/** Creates a database handle. Never called at import time: the composition root owns instances. */
export function createDb(options: CreateDbOptions = {}): DbHandle {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (options.url) {
    const url = options.url;
    const max = options.max ?? 10;
    // A name of its own per pool, so pg_stat_activity tells its connections from other processes' (poolStats).
    const applicationName = `maestro-${process.pid}-${++pools}`;
    const sql = postgres(url, { max, onnotice: () => {}, connection: { ...POOL_TIMEOUTS, application_name: applicationName } });
    const db = drizzlePostgres({ client: withPreparedStatements(sql), schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      sql,
      migrate: () => migrateWithoutTimeouts(url, migrationsFolder),
      poolStats: postgresPoolStats(sql, applicationName, max),
      close: once(() => sql.end({ timeout: 5 })),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = openPglite(options.dataDir, options.pgliteHooks);
  const poolStats = trackPglite(client);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    sql: null,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    poolStats,
    close: once(() => client.close()),
  };
}
