import type { MaestroTRPCClient } from '@maestro/client';
import type { Session, Task } from '@maestro/schemas';
import type { SessionIndex, TaskIndex } from './types';

/** The API's largest page. */
const PAGE = 500;
/** Reads of all pages at once before settling for the last one (see loadTasks). */
const READS = 3;

type TaskPage = Awaited<ReturnType<MaestroTRPCClient['task']['list']['query']>>;

function readPage(client: MaestroTRPCClient, projectId: string, offset: number): Promise<TaskPage> {
  // task.list's cursor is the row offset (packages/api paging.ts): that is what lets the pages be asked for at once.
  return client.task.list.query({ projectId, limit: PAGE, ...(offset > 0 ? { cursor: String(offset) } : {}) });
}

function offsets(from: number, total: number): number[] {
  const list: number[] = [];
  for (let at = from; at < total; at += PAGE) list.push(at);
  return list;
}

/** Pages read at one event position, all against the total they were asked for: nothing moved between them. */
function consistent(pages: readonly TaskPage[], total: number): boolean {
  return pages.every((p) => p.asOfEventId === pages[0]?.asOfEventId && p.total === total);
}

function indexOf(pages: readonly TaskPage[], asOfEventId: string, complete: boolean): TaskIndex {
  const byId = new Map<string, Task>();
  for (const page of pages) {
    for (const task of page.items) if ((byId.get(task.id)?.version ?? -1) < task.version) byId.set(task.id, task);
  }
  return { byId, asOfEventId, complete };
}

/**
 * Every task of the project (subtasks included). The first page comes alone and
 * is handed to `onPartial` (it holds the top of every column: the board sorts
 * in the same queue order as the API), then every other page is asked for at
 * once (the batch link sends them as one request).
 *
 * The stream starts from the first page's `asOfEventId`: every page is read
 * after it, and replaying from there re-applies, in order, each change made
 * since (version-gated), so nothing falls between the snapshot and the stream.
 * Pages are offsets, though: a change landing between two page reads can shift
 * an unchanged row across a page boundary, and nothing on the stream would
 * bring it back. So each page's event position is checked; when they differ,
 * all pages are read again at once, up to READS times in all. A project
 * changing faster than that keeps the last read's union.
 */
export async function loadTasks(client: MaestroTRPCClient, projectId: string, onPartial?: (partial: TaskIndex) => void): Promise<TaskIndex> {
  const first = await readPage(client, projectId, 0);
  const from = first.asOfEventId;
  if (first.nextCursor === null) return indexOf([first], from, true);
  onPartial?.(indexOf([first], from, false));
  let total = first.total;
  let pages = [first, ...(await Promise.all(offsets(first.items.length, total).map((at) => readPage(client, projectId, at))))];
  for (let read = 1; read < READS && !consistent(pages, total); read++) {
    total = pages.reduce((max, p) => Math.max(max, p.total), 0);
    pages = await Promise.all(offsets(0, total).map((at) => readPage(client, projectId, at)));
  }
  return indexOf(pages, from, true);
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
