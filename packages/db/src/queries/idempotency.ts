import { eq, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { idempotencyKeys } from '../schema/index.js';

export type IdempotencyClaim = { status: 'new' } | { status: 'replay'; procedure: string; requestHash: string; response: unknown };

/**
 * Reserves a key inside the caller's transaction. A concurrent request with
 * the same key waits on the unique index until the first one commits, then
 * sees its stored response: a replay never runs twice.
 */
export async function claimIdempotencyKey(db: Queryable, params: { key: string; procedure: string; requestHash: string }): Promise<IdempotencyClaim> {
  const inserted = await db.insert(idempotencyKeys).values(params).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { status: 'new' };
  const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, params.key));
  return { status: 'replay', procedure: row!.procedure, requestHash: row!.requestHash, response: row!.response };
}

export async function storeIdempotentResponse(db: Queryable, p: { key: string; response: unknown }): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ response: p.response ?? null })
    .where(eq(idempotencyKeys.key, p.key));
}

/**
 * How long a key is honoured: a retry (the CLI's, the client's after a lost
 * answer) or a write the dashboard queued while offline replays within it.
 * Past it the record, which holds a whole response, is purged, and the key
 * would run as new. docs/reliability.md states the window.
 */
export const IDEMPOTENCY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Deletes the records older than `olderThanMs` (default: the window); returns how many went. */
export async function purgeIdempotencyKeys(db: Queryable, p: { olderThanMs?: number } = {}): Promise<number> {
  const olderThanMs = p.olderThanMs ?? IDEMPOTENCY_WINDOW_MS;
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - ${olderThanMs} * interval '1 millisecond'`))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
