import { LIVE_SESSION_STATUSES } from '@maestro/schemas';
import { and, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { runners, sessions } from '../schema/index.js';

export type RunnerRow = typeof runners.$inferSelect;

/**
 * Runners, newest heartbeat first, each with whether it is within its lease
 * (judged by the database's clock, as the sweeper judges it) and how many of
 * its sessions are live, counting only `projectId`'s when given.
 */
export async function listRunners(
  db: Queryable,
  p: { leaseMs: number; projectId?: string | undefined; limit: number },
): Promise<(RunnerRow & { live: boolean; sessions: number })[]> {
  const counted: SQL[] = [eq(sessions.runnerId, runners.id), inArray(sessions.status, [...LIVE_SESSION_STATUSES])];
  if (p.projectId) counted.push(eq(sessions.projectId, p.projectId));
  const rows = await db
    .select({
      ...getTableColumns(runners),
      live: sql<boolean>`${runners.lastHeartbeatAt} >= now() - make_interval(secs => ${p.leaseMs / 1000})`,
      sessions: sql<number>`(select count(*)::int from ${sessions} where ${and(...counted)})`,
    })
    .from(runners)
    .orderBy(desc(runners.lastHeartbeatAt), desc(runners.id))
    .limit(p.limit);
  return rows.map((r) => ({ ...r, sessions: Number(r.sessions) }));
}
