import { countSessions, listSessions, taskIdsOf, toSession, type Queryable } from '@maestro/db';
import { isLiveSessionStatus, LIVE_SESSION_STATUSES, type AttentionState, type Session, type SessionStatus } from '@maestro/schemas';
import { eventHead } from '../events.js';
import { nextCursor, parseCursor } from '../paging.js';
import { requireSession, sessionView } from './shared.js';

export async function getSession(db: Queryable, id: string): Promise<Session> {
  return sessionView(db, await requireSession(db, id));
}

export interface SessionListInput {
  projectId?: string | undefined;
  taskId?: string | undefined;
  status?: SessionStatus[] | undefined;
  active?: boolean | undefined;
  spawnedBy?: string | undefined;
  attention?: AttentionState[] | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * One page of sessions, newest first. `headProjectId` names the project whose
 * event head the page is as of (undefined: the whole log).
 */
export async function listProjectSessions(db: Queryable, input: SessionListInput, headProjectId?: string) {
  const { cursor, active, ...filters } = input;
  const offset = parseCursor(cursor);
  const asOfEventId = await eventHead(db, headProjectId);
  const status = active ? (filters.status ?? [...LIVE_SESSION_STATUSES]).filter(isLiveSessionStatus) : filters.status;
  if (status && status.length === 0) return { items: [] as Session[], nextCursor: null, total: 0, asOfEventId };
  const params = { ...filters, status };
  const rows = await listSessions(db, { ...params, offset });
  const total = await countSessions(db, params);
  const ids = await taskIdsOf(db, { sessionIds: rows.map((r) => r.id) });
  return { items: rows.map((r) => toSession(r, ids.get(r.id) ?? [])), nextCursor: nextCursor(offset, rows.length, total), total, asOfEventId };
}
