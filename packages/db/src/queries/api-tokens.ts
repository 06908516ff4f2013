import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { apiTokens } from '../schema/index.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertApiToken(db: Queryable, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listApiTokens(db: Queryable): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
}

/** By id or by name. */
export async function findApiToken(db: Queryable, p: { idOrName: string; forUpdate?: boolean }): Promise<ApiTokenRow | null> {
  const query = db
    .select()
    .from(apiTokens)
    .where(or(eq(apiTokens.id, p.idOrName), eq(apiTokens.name, p.idOrName)));
  const [row] = p.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The unrevoked token with this hash, if any. */
export async function findLiveApiTokenByHash(db: Queryable, p: { tokenHash: string }): Promise<ApiTokenRow | null> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, p.tokenHash), isNull(apiTokens.revokedAt)));
  return row ?? null;
}

export async function revokeApiToken(db: Queryable, p: { id: string }): Promise<ApiTokenRow | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(eq(apiTokens.id, p.id))
    .returning();
  return row ?? null;
}

/** Records use at most once a minute per token, so authenticating is not a write per call. */
export async function touchApiToken(db: Queryable, p: { id: string }): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.id, p.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`))));
}
