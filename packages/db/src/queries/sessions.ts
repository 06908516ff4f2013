import { and, count, eq, inArray } from 'drizzle-orm';
import { LIVE_SESSION_STATUSES } from '@maestro/schemas';
import type { Queryable } from '../client.js';
import { sessions } from '../schema/index.js';

export async function countLiveSessions(db: Queryable, projectId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.projectId, projectId), inArray(sessions.status, [...LIVE_SESSION_STATUSES])));
  return row?.n ?? 0;
}
