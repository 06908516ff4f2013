import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { LIVE_SESSION_STATUSES, SESSION_STATUSES, type AttentionState, type SessionStatus } from '@maestro/schemas';
import type { Queryable } from '../client.js';
import { runners, sessionOutput, sessions, sessionTasks } from '../schema/index.js';
import type { SessionRow } from './mappers.js';

export async function countLiveSessions(db: Queryable, p: { projectId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.projectId, p.projectId), inArray(sessions.status, [...LIVE_SESSION_STATUSES])));
  return row?.n ?? 0;
}

/** Sessions in each status, every status present (0 when none): `/metrics` reads it at scrape time. */
export async function countSessionsByStatus(db: Queryable): Promise<Record<SessionStatus, number>> {
  const rows = await db.select({ status: sessions.status, n: count() }).from(sessions).groupBy(sessions.status);
  const counts = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<SessionStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The session row and its task links. */
export async function insertSession(db: Queryable, p: { values: typeof sessions.$inferInsert; taskIds: readonly string[] }): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(p.values).returning();
  await db.insert(sessionTasks).values(p.taskIds.map((taskId) => ({ sessionId: row!.id, taskId })));
  return row!;
}

export async function findSession(db: Queryable, p: { id: string; forUpdate?: boolean }): Promise<SessionRow | null> {
  const query = db.select().from(sessions).where(eq(sessions.id, p.id));
  const [row] = p.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function findSessionByTokenHash(db: Queryable, p: { tokenHash: string }): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, p.tokenHash));
  return row ?? null;
}

export async function taskIdsOf(db: Queryable, p: { sessionIds: readonly string[] }): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(p.sessionIds.map((id) => [id, []]));
  if (p.sessionIds.length === 0) return map;
  const rows = await db
    .select()
    .from(sessionTasks)
    .where(inArray(sessionTasks.sessionId, [...p.sessionIds]))
    .orderBy(asc(sessionTasks.taskId));
  for (const r of rows) map.get(r.sessionId)?.push(r.taskId);
  return map;
}

export interface SessionListParams {
  projectId?: string | undefined;
  taskId?: string | undefined;
  status?: readonly SessionStatus[] | undefined;
  spawnedBy?: string | undefined;
  runnerId?: string | undefined;
  attention?: readonly AttentionState[] | undefined;
  limit: number;
}

function sessionFilter(db: Queryable, p: Omit<SessionListParams, 'limit'>): SQL | undefined {
  const where: SQL[] = [];
  if (p.projectId) where.push(eq(sessions.projectId, p.projectId));
  if (p.status?.length) where.push(inArray(sessions.status, [...p.status]));
  if (p.spawnedBy) where.push(eq(sessions.spawnedBy, p.spawnedBy));
  if (p.runnerId) where.push(eq(sessions.runnerId, p.runnerId));
  if (p.attention?.length) where.push(inArray(sessions.attention, [...p.attention]));
  if (p.taskId) {
    where.push(inArray(sessions.id, db.select({ id: sessionTasks.sessionId }).from(sessionTasks).where(eq(sessionTasks.taskId, p.taskId))));
  }
  return and(...where);
}

/** Newest first. */
export async function listSessions(db: Queryable, p: SessionListParams & { offset?: number | undefined }): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(sessionFilter(db, p))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(p.limit)
    .offset(p.offset ?? 0);
}

/** How many sessions match, for a paged list's `total`. */
export async function countSessions(db: Queryable, p: Omit<SessionListParams, 'limit'>): Promise<number> {
  const [row] = await db.select({ n: count() }).from(sessions).where(sessionFilter(db, p));
  return row?.n ?? 0;
}

export async function updateSessionRow(db: Queryable, p: { id: string; values: Partial<typeof sessions.$inferInsert> }): Promise<SessionRow> {
  const [row] = await db
    .update(sessions)
    .set({ ...p.values, updatedAt: new Date() })
    .where(eq(sessions.id, p.id))
    .returning();
  return row!;
}

/**
 * Exactly one runner wins: the row changes only while it is still spawning and
 * unclaimed, or claimed by this same runner but not started (its first answer
 * was lost on the way: the claim is issued again, with a new token).
 */
export async function claimSpawn(db: Queryable, params: { sessionId: string; runnerId: string; tokenHash: string }): Promise<SessionRow | null> {
  const [row] = await db
    .update(sessions)
    .set({ runnerId: params.runnerId, tokenHash: params.tokenHash, updatedAt: new Date() })
    .where(and(eq(sessions.id, params.sessionId), eq(sessions.status, 'spawning'), or(isNull(sessions.runnerId), eq(sessions.runnerId, params.runnerId))))
    .returning();
  return row ?? null;
}

export async function unclaimedSpawns(db: Queryable, p: { limit?: number } = {}): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.status, 'spawning'), isNull(sessions.runnerId)))
    .orderBy(asc(sessions.createdAt))
    .limit(p.limit ?? 100);
}

/** Bytes a base64 string decodes to, without decoding it. */
export function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - padding;
}

/** Idempotent by (session, seq): a chunk re-sent after a lost acknowledgement is stored once. */
export async function insertOutput(
  db: Queryable,
  p: { sessionId: string; chunks: readonly { seq: number; data: string }[] },
): Promise<{ seq: number; bytes: number }[]> {
  const rows = await db
    .insert(sessionOutput)
    .values(p.chunks.map((c) => ({ sessionId: p.sessionId, seq: c.seq, dataBase64: c.data, bytes: base64Bytes(c.data) })))
    .onConflictDoNothing()
    .returning({ seq: sessionOutput.seq, bytes: sessionOutput.bytes });
  return rows.sort((a, b) => a.seq - b.seq);
}

/** The highest stored chunk seq of a session, or -1 when it has none. */
export async function lastOutputSeq(db: Queryable, p: { sessionId: string }): Promise<number> {
  const [row] = await db
    .select({ seq: sql<number | null>`max(${sessionOutput.seq})` })
    .from(sessionOutput)
    .where(eq(sessionOutput.sessionId, p.sessionId));
  return row?.seq === null || row?.seq === undefined ? -1 : Number(row.seq);
}

/** Chunks after `afterSeq`, in order, as stored (base64). */
export async function readOutput(db: Queryable, params: { sessionId: string; afterSeq: number; limit: number }): Promise<{ seq: number; data: string }[]> {
  return db
    .select({ seq: sessionOutput.seq, data: sessionOutput.dataBase64 })
    .from(sessionOutput)
    .where(and(eq(sessionOutput.sessionId, params.sessionId), gt(sessionOutput.seq, params.afterSeq)))
    .orderBy(asc(sessionOutput.seq))
    .limit(params.limit);
}

/** What a session has stored: first and last chunk seq (null when none) and the bytes they hold. */
export async function outputRange(db: Queryable, p: { sessionId: string }): Promise<{ firstSeq: number | null; lastSeq: number | null; totalBytes: number }> {
  const [row] = await db
    .select({
      first: sql<string | number | null>`min(${sessionOutput.seq})`,
      last: sql<string | number | null>`max(${sessionOutput.seq})`,
      bytes: sql<string | number | null>`sum(${sessionOutput.bytes})`,
    })
    .from(sessionOutput)
    .where(eq(sessionOutput.sessionId, p.sessionId));
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return { firstSeq: num(row?.first), lastSeq: num(row?.last), totalBytes: num(row?.bytes) ?? 0 };
}

export interface OutputPageParams {
  sessionId: string;
  afterSeq: number;
  /** Exclusive upper bound; undefined: none. */
  beforeSeq?: number | undefined;
  /** Take the newest chunks of the range instead of the oldest. */
  newest: boolean;
  limit: number;
  maxBytes?: number | undefined;
}

/**
 * One page of stored chunks in ascending order: the oldest (or newest) `limit`
 * of the range, cut once `maxBytes` is reached (a page holds at least one
 * chunk). With a byte bound, sizes are read first and the data of only the
 * chunks that fit after, so a small page never loads a large one.
 */
export async function readOutputPage(db: Queryable, p: OutputPageParams): Promise<{ seq: number; data: string }[]> {
  const where = [eq(sessionOutput.sessionId, p.sessionId), gt(sessionOutput.seq, p.afterSeq)];
  if (p.beforeSeq !== undefined) where.push(lt(sessionOutput.seq, p.beforeSeq));
  const order = p.newest ? desc(sessionOutput.seq) : asc(sessionOutput.seq);
  if (p.maxBytes === undefined) {
    const rows = await db
      .select({ seq: sessionOutput.seq, data: sessionOutput.dataBase64 })
      .from(sessionOutput)
      .where(and(...where))
      .orderBy(order)
      .limit(p.limit);
    return p.newest ? rows.reverse() : rows;
  }
  const sizes = await db
    .select({ seq: sessionOutput.seq, bytes: sessionOutput.bytes })
    .from(sessionOutput)
    .where(and(...where))
    .orderBy(order)
    .limit(p.limit);
  let total = 0;
  let taken = 0;
  while (taken < sizes.length && (taken === 0 || total + sizes[taken]!.bytes <= p.maxBytes)) total += sizes[taken++]!.bytes;
  if (taken === 0) return [];
  const seqs = sizes.slice(0, taken).map((r) => r.seq);
  return db
    .select({ seq: sessionOutput.seq, data: sessionOutput.dataBase64 })
    .from(sessionOutput)
    .where(and(eq(sessionOutput.sessionId, p.sessionId), gte(sessionOutput.seq, Math.min(...seqs)), lte(sessionOutput.seq, Math.max(...seqs))))
    .orderBy(asc(sessionOutput.seq));
}

export async function upsertRunner(db: Queryable, values: typeof runners.$inferInsert): Promise<void> {
  await db
    .insert(runners)
    .values(values)
    .onConflictDoUpdate({ target: runners.id, set: { name: values.name, hostname: values.hostname, pid: values.pid, lastHeartbeatAt: sql`now()` } });
}

export async function touchRunner(db: Queryable, p: { runnerId: string }): Promise<boolean> {
  const rows = await db
    .update(runners)
    .set({ lastHeartbeatAt: sql`now()` })
    .where(eq(runners.id, p.runnerId))
    .returning({ id: runners.id });
  return rows.length > 0;
}

/** Live sessions whose runner has not heart-beaten within the lease. */
export async function sessionsOfExpiredRunners(db: Queryable, p: { leaseMs: number }): Promise<SessionRow[]> {
  const expired = db
    .select({ id: runners.id })
    .from(runners)
    .where(lt(runners.lastHeartbeatAt, sql`now() - make_interval(secs => ${p.leaseMs / 1000})`));
  return db
    .select()
    .from(sessions)
    .where(and(inArray(sessions.status, [...LIVE_SESSION_STATUSES]), inArray(sessions.runnerId, expired)));
}
