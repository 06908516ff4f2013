import { findSession, taskIdsOf, toSession, type Queryable, type SessionRow } from '@maestro/db';
import type { Session } from '@maestro/schemas';
import { MaestroError, notFound } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { diff } from '../diff.js';

export async function requireSession(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<SessionRow> {
  const row = await findSession(db, { id, ...opts });
  if (!row) throw notFound('session', id);
  return row;
}

export async function sessionView(db: Queryable, row: SessionRow): Promise<Session> {
  const ids = await taskIdsOf(db, { sessionIds: [row.id] });
  return toSession(row, ids.get(row.id) ?? []);
}

/** Runner calls must come from the runner that holds the session. */
export function assertRunner(row: SessionRow, runnerId: string): void {
  if (row.runnerId !== runnerId) {
    throw new MaestroError('FORBIDDEN', `Session ${row.id} belongs to runner ${row.runnerId ?? '(none)'}, not ${runnerId}`);
  }
}

const TRACKED = [
  'status',
  'runnerId',
  'pid',
  'exitCode',
  'signal',
  'error',
  'workingDir',
  'branch',
  'cols',
  'rows',
  'sizeController',
  'stopRequestedAt',
  'attention',
] as const;

export async function emitSessionUpdated(scope: MutationScope, before: SessionRow, after: SessionRow, reason?: string): Promise<Session> {
  const session = await sessionView(scope.tx, after);
  const changes = diff(before, Object.fromEntries(TRACKED.map((f) => [f, after[f]])));
  scope.emit({
    type: 'session:updated',
    projectId: after.projectId,
    taskId: null,
    sessionId: after.id,
    payload: { session, changes, ...(reason ? { reason } : {}) },
  });
  return session;
}
