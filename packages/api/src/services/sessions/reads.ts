import { listSessions, taskIdsOf, toSession, type Queryable } from '@maestro/db';
import { LIVE_SESSION_STATUSES, type Session, type SessionStatus } from '@maestro/schemas';
import { requireSession, sessionView } from './shared.js';

export async function getSession(db: Queryable, id: string): Promise<Session> {
  return sessionView(db, await requireSession(db, id));
}

export async function listProjectSessions(
  db: Queryable,
  input: { projectId?: string | undefined; taskId?: string | undefined; status?: SessionStatus[] | undefined; active?: boolean | undefined; spawnedBy?: string | undefined; limit: number },
): Promise<Session[]> {
  const status = input.active ? (input.status ?? [...LIVE_SESSION_STATUSES]).filter((s) => (LIVE_SESSION_STATUSES as readonly string[]).includes(s)) : input.status;
  if (status && status.length === 0) return [];
  const rows = await listSessions(db, { ...input, status });
  const ids = await taskIdsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toSession(r, ids.get(r.id) ?? []));
}
