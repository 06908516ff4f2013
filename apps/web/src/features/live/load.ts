import type { MaestroTRPCClient } from '@maestro/client';
import type { Session, Task } from '@maestro/schemas';
import type { SessionIndex, TaskIndex } from './types';

/**
 * Every task of the project (subtasks included), page by page (the API caps a
 * page at 500). The first page's `asOfEventId` was read before its rows, and
 * later pages are read later still, so streaming from it misses nothing.
 */
export async function loadTasks(client: MaestroTRPCClient, projectId: string): Promise<TaskIndex> {
  const byId = new Map<string, Task>();
  let asOfEventId: string | null = null;
  let cursor: string | undefined;
  do {
    const page = await client.task.list.query({ projectId, limit: 500, ...(cursor ? { cursor } : {}) });
    asOfEventId ??= page.asOfEventId;
    for (const task of page.items) byId.set(task.id, task);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { byId, asOfEventId: asOfEventId ?? '0' };
}

/** Every session of the project, newest first, page by page. */
export async function loadSessions(client: MaestroTRPCClient, projectId: string): Promise<SessionIndex> {
  const byId = new Map<string, Session>();
  let asOfEventId: string | null = null;
  let cursor: string | undefined;
  do {
    const page = await client.session.list.query({ projectId, limit: 500, ...(cursor ? { cursor } : {}) });
    asOfEventId ??= page.asOfEventId;
    for (const session of page.items) byId.set(session.id, session);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { byId, asOfEventId: asOfEventId ?? '0' };
}

/** The smaller of two event ids (ids are decimal strings of bigints). */
export function minEventId(a: string, b: string): string {
  return BigInt(a) <= BigInt(b) ? a : b;
}
