import type { MaestroTRPCClient } from '@maestro/client';
import type { Session, Task } from '@maestro/schemas';
import type { SessionIndex, TaskIndex } from './types';

/**
 * Where the log stands before a snapshot is read: a snapshot read after it
 * reflects at least every event up to it, so streaming from it misses nothing.
 */
async function head(client: MaestroTRPCClient, projectId: string): Promise<string> {
  return String((await client.events.head.query({ projectId })).lastEventId);
}

/** Every task of the project (subtasks included), page by page (the API caps a page at 500). */
export async function loadTasks(client: MaestroTRPCClient, projectId: string): Promise<TaskIndex> {
  const asOfEventId = await head(client, projectId);
  const byId = new Map<string, Task>();
  let cursor: string | undefined;
  do {
    const page = await client.task.list.query({ projectId, limit: 500, ...(cursor ? { cursor } : {}) });
    for (const task of page.items) byId.set(task.id, task);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { byId, asOfEventId };
}

export async function loadSessions(client: MaestroTRPCClient, projectId: string): Promise<SessionIndex> {
  const asOfEventId = await head(client, projectId);
  const result: unknown = await client.session.list.query({ projectId, limit: 500 });
  // TODO(lead): session.list becomes a page ({ items, … }); drop the array branch once it lands.
  const items = (Array.isArray(result) ? result : (result as { items: Session[] }).items) as Session[];
  return { byId: new Map(items.map((s) => [s.id, s])), asOfEventId };
}

/** The smaller of two event ids (ids are decimal strings of bigints). */
export function minEventId(a: string, b: string): string {
  return BigInt(a) <= BigInt(b) ? a : b;
}
