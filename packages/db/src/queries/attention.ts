import type { AttentionState } from '@maestro/schemas';
import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { projects, sessions, tasks } from '../schema/index.js';
import type { SessionRow, TaskRow } from './mappers.js';

/** Sessions that need a person (asking, or ended and unseen), with their project's name. */
export async function inboxSessions(db: Queryable, p: { projectId?: string | undefined }): Promise<{ session: SessionRow; projectName: string }[]> {
  const where: SQL[] = [inArray(sessions.attention, ['needs_input', 'unseen'])];
  if (p.projectId) where.push(eq(sessions.projectId, p.projectId));
  return db
    .select({ session: sessions, projectName: projects.name })
    .from(sessions)
    .innerJoin(projects, eq(projects.id, sessions.projectId))
    .where(and(...where))
    .orderBy(asc(sessions.attentionSince), asc(sessions.id));
}

/** Blocked tasks (and subtasks), with their project's name. */
export async function inboxBlockedTasks(db: Queryable, p: { projectId?: string | undefined }): Promise<{ task: TaskRow; projectName: string }[]> {
  const where: SQL[] = [eq(tasks.status, 'blocked')];
  if (p.projectId) where.push(eq(tasks.projectId, p.projectId));
  return db
    .select({ task: tasks, projectName: projects.name })
    .from(tasks)
    .innerJoin(projects, eq(projects.id, tasks.projectId))
    .where(and(...where));
}

/** How many of a project's sessions are in each attention state. */
export async function attentionCounts(db: Queryable, p: { projectId: string }): Promise<{ state: AttentionState; n: number }[]> {
  const rows = await db.select({ state: sessions.attention, n: count() }).from(sessions).where(eq(sessions.projectId, p.projectId)).groupBy(sessions.attention);
  return rows.filter((r): r is { state: AttentionState; n: number } => r.state !== null);
}

/** A project's sessions asking a question, longest wait first. */
export async function needsInputSessions(db: Queryable, p: { projectId: string; limit?: number }): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.projectId, p.projectId), eq(sessions.attention, 'needs_input')))
    .orderBy(asc(sessions.attentionSince), asc(sessions.id))
    .limit(p.limit ?? 50);
}
