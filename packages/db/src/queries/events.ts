import type { EventFilter, MaestroEvent, NewEvent } from '@maestro/schemas';
import { and, asc, eq, gt, inArray, max, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { events } from '../schema/index.js';
import { toEvent } from './mappers.js';

export async function insertEvents(db: Queryable, batch: readonly NewEvent[]): Promise<MaestroEvent[]> {
  if (batch.length === 0) return [];
  const rows = await db
    .insert(events)
    .values(
      batch.map((e) => ({
        projectId: e.projectId,
        type: e.type,
        taskId: e.taskId,
        sessionId: e.sessionId,
        actor: e.actor,
        payload: e.payload,
      })),
    )
    .returning();
  return rows.sort((a, b) => a.id - b.id).map(toEvent);
}

function filterSql(filter: EventFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.projectId) where.push(eq(events.projectId, filter.projectId));
  if (filter.taskId) where.push(eq(events.taskId, filter.taskId));
  if (filter.sessionId) where.push(eq(events.sessionId, filter.sessionId));
  if (filter.types?.length) where.push(inArray(events.type, filter.types));
  return where;
}

/** Events after `afterId` (exclusive) in id order: the one read path for timelines and resume. */
export async function listEvents(
  db: Queryable,
  params: { filter: EventFilter; afterId?: number | undefined; limit: number },
): Promise<MaestroEvent[]> {
  const where = filterSql(params.filter);
  if (params.afterId !== undefined) where.push(gt(events.id, params.afterId));
  const rows = await db
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(asc(events.id))
    .limit(params.limit);
  return rows.map(toEvent);
}

/** The newest event id, of one project when given (0 when there is none). */
export async function maxEventId(db: Queryable, projectId?: string): Promise<number> {
  const [row] = await db
    .select({ id: max(events.id) })
    .from(events)
    .where(projectId === undefined ? undefined : eq(events.projectId, projectId));
  return Number(row?.id ?? 0);
}

/** Matches the subscription filter in memory, the same way `filterSql` does in SQL. */
export function eventMatches(event: MaestroEvent, filter: EventFilter): boolean {
  if (filter.projectId && event.projectId !== filter.projectId) return false;
  if (filter.taskId && event.taskId !== filter.taskId) return false;
  if (filter.sessionId && event.sessionId !== filter.sessionId) return false;
  if (filter.types?.length && !filter.types.includes(event.type)) return false;
  return true;
}
