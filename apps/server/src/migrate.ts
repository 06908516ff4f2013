import type { DbHandle } from '@maestro/db';

/** Any fixed number: the advisory lock every Maestro server takes around its migrations. */
const MIGRATION_LOCK = 0x6d61_6573; // "maes"

/**
 * Runs the migrations once even when several servers start together on one
 * PostgreSQL (two `CREATE TYPE`s of the same migration would fail the second
 * server's start): a session advisory lock on a reserved connection lets one
 * migrate while the others wait, then find nothing left to do. PGlite is one
 * process's database and needs no lock.
 */
export async function migrateOnce(handle: DbHandle): Promise<void> {
  if (!handle.sql) return handle.migrate();
  const conn = await handle.sql.reserve();
  try {
    // Another server's migration may hold the lock for long: waiting for it is no stall (the pool's timeouts are reset below).
    await conn`set lock_timeout = 0`;
    await conn`set statement_timeout = 0`;
    await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await handle.migrate();
    } finally {
      await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await conn`reset lock_timeout`.catch(() => {});
    await conn`reset statement_timeout`.catch(() => {});
    conn.release();
  }
}
