import type { EventFilter, MaestroEvent, NewEvent } from '@maestro/schemas';
import { and, asc, eq, gt, inArray, isNotNull, isNull, max, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { events, eventSequencer } from '../schema/index.js';
import { toEvent } from './mappers.js';
import { rowsOf } from './rows.js';

/**
 * Inserts events without a position: readers see them only once
 * `sequenceEvents` has numbered them, after their transaction commits.
 */
export async function insertEvents(db: Queryable, p: { events: readonly NewEvent[] }): Promise<void> {
  if (p.events.length === 0) return;
  await db.insert(events).values(
    p.events.map((e) => ({
      projectId: e.projectId,
      type: e.type,
      taskId: e.taskId,
      sessionId: e.sessionId,
      actor: e.actor,
      payload: e.payload,
    })),
  );
}

/**
 * Gives positions to committed events that have none (at most `maxRows`, in
 * insert order) and returns how many. Run it as its own statement after the
 * writer commits; on a single-connection database it may run inside the
 * writer's transaction, since nothing else can commit meanwhile.
 */
export async function sequenceEvents(db: Queryable, p: { maxRows: number }): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select maestro_sequence_events(${p.maxRows}) as n`));
  return Number(row?.n ?? 0);
}

/** The filter in SQL; `eventMatches` (@maestro/schemas) is the same filter in memory, and they must agree. */
function filterSql(filter: EventFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.projectId) where.push(eq(events.projectId, filter.projectId));
  if (filter.taskId) where.push(eq(events.taskId, filter.taskId));
  if (filter.sessionId) where.push(eq(events.sessionId, filter.sessionId));
  if (filter.types?.length) where.push(inArray(events.type, filter.types));
  return where;
}

/** Whether a committed event still waits for its position (cheap: a partial index holds only those). */
export async function hasUnsequencedEvents(db: Queryable): Promise<boolean> {
  const [row] = await db.select({ id: events.id }).from(events).where(isNull(events.pos)).limit(1);
  return row !== undefined;
}

/** Events after position `afterId` (exclusive) in position order: the one read path for timelines and resume. */
export async function listEvents(db: Queryable, params: { filter: EventFilter; afterId?: number | undefined; limit: number }): Promise<MaestroEvent[]> {
  const where = filterSql(params.filter);
  where.push(params.afterId === undefined ? isNotNull(events.pos) : gt(events.pos, params.afterId));
  const rows = await db
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(asc(events.pos))
    .limit(params.limit);
  return rows.map(toEvent);
}

/** The newest event position, of one project when given (0 when there is none). */
export async function maxEventId(db: Queryable, p: { projectId?: string | undefined } = {}): Promise<number> {
  if (p.projectId === undefined) {
    const [head] = await db.select({ pos: eventSequencer.lastPos }).from(eventSequencer);
    return Number(head?.pos ?? 0);
  }
  const [row] = await db
    .select({ pos: max(events.pos) })
    .from(events)
    .where(eq(events.projectId, p.projectId));
  return Number(row?.pos ?? 0);
}
