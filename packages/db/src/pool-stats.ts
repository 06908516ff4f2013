import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';

/** What a database handle's connections are doing now (`/metrics` reads it at scrape time). */
export interface PoolStats {
  /** Connections the pool may open: the postgres.js `max`; 1 for the embedded database. */
  size: number;
  /** Connections running a statement or holding a transaction open. */
  inUse: number;
  /** Connections open and free (postgres.js opens them lazily: size − inUse − idle are not open yet). */
  idle: number;
  /**
   * PGlite: calls queued behind the one in progress. PostgreSQL: the pool's
   * connections waiting for a lock another transaction holds (postgres.js
   * 3.4 keeps its client-side queue private, so queued calls are not seen).
   */
  waiting: number;
}

/**
 * PGlite runs one call at a time (its own mutex). Counting the top-level
 * calls in flight (a transaction's statements run inside its one call) gives
 * the single connection's state and the queue behind it.
 */
export function trackPglite(client: PGlite): () => Promise<PoolStats> {
  let pending = 0;
  const track = <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async function (this: PGlite, ...args: A): Promise<R> {
      pending++;
      try {
        return await run.apply(this, args);
      } finally {
        pending--;
      }
    };
  client.query = track(client.query.bind(client)) as PGlite['query'];
  client.exec = track(client.exec.bind(client));
  client.transaction = track(client.transaction.bind(client));
  return () => Promise.resolve({ size: 1, inUse: Math.min(pending, 1), idle: pending > 0 ? 0 : 1, waiting: Math.max(pending - 1, 0) });
}

/**
 * A postgres.js pool seen from the server: its connections carry a name of
 * their own (`application_name`), so pg_stat_activity tells which are busy,
 * idle or waiting for a lock. The connection asking is left out.
 */
export function postgresPoolStats(sql: postgres.Sql, applicationName: string, size: number): () => Promise<PoolStats> {
  return async () => {
    const [row] = await sql<{ in_use: number; idle: number; waiting: number }[]>`
      select count(*) filter (where state <> 'idle')::int as in_use,
             count(*) filter (where state = 'idle')::int as idle,
             count(*) filter (where wait_event_type = 'Lock')::int as waiting
      from pg_stat_activity
      where application_name = ${applicationName} and pid <> pg_backend_pid()`;
    // The asking connection was busy with this query: counted as idle again, since it is free once answered.
    const idle = (row?.idle ?? 0) + 1;
    return { size, inUse: row?.in_use ?? 0, idle: Math.min(idle, size - (row?.in_use ?? 0)), waiting: row?.waiting ?? 0 };
  };
}
