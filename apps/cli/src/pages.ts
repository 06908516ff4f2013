import type { RouterInputs, RouterOutputs } from '@maestro/client';
import type { WireEvent } from './event-text.js';
import type { Runtime } from './runtime.js';

type TaskListInput = RouterInputs['task']['list'];
type TaskPage = RouterOutputs['task']['list'];
type SessionListInput = RouterInputs['session']['list'];
type SessionPage = RouterOutputs['session']['list'];
type TaskTreeInput = Omit<RouterInputs['task']['tree'], 'limit' | 'cursor'>;
type TreeTask = RouterOutputs['task']['tree']['items'][number];
const PAGE = 500;

/**
 * Every task matching `input`, following cursors, or one page when the user
 * asked for a limit. The result has the shape of one page (`nextCursor` null
 * when everything is there).
 */
export async function listTasks(rt: Runtime, input: Omit<TaskListInput, 'limit'> & { limit?: number | undefined }): Promise<TaskPage> {
  const trpc = rt.trpc();
  if (input.limit !== undefined) return rt.out.spin('Loading tasks', trpc.task.list.query({ ...input, limit: input.limit }));
  const first = await rt.out.spin('Loading tasks', trpc.task.list.query({ ...input, limit: PAGE }));
  const items = [...first.items];
  for (let cursor = first.nextCursor; cursor;) {
    const page = await trpc.task.list.query({ ...input, limit: PAGE, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  // The first page's position: events after it are what the whole list may not show.
  return { items, nextCursor: null, total: first.total, asOfEventId: first.asOfEventId };
}

/** Every session matching `input`, newest first, or one page when the user asked for a limit (as `listTasks`). */
export async function listSessions(rt: Runtime, input: Omit<SessionListInput, 'limit'> & { limit?: number | undefined }): Promise<SessionPage> {
  const trpc = rt.trpc();
  if (input.limit !== undefined) return rt.out.spin('Loading sessions', trpc.session.list.query({ ...input, limit: input.limit }));
  const first = await rt.out.spin('Loading sessions', trpc.session.list.query({ ...input, limit: PAGE }));
  const items = [...first.items];
  for (let cursor = first.nextCursor; cursor;) {
    const page = await trpc.session.list.query({ ...input, limit: PAGE, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return { items, nextCursor: null, total: first.total, asOfEventId: first.asOfEventId };
}

/** Every task of a project or subtree, in the server's pages (id order); nest them with `assembleTaskTree`. */
export async function treeTasks(rt: Runtime, input: TaskTreeInput): Promise<TreeTask[]> {
  const trpc = rt.trpc();
  const tasks: TreeTask[] = [];
  let cursor: string | undefined;
  do {
    const page = await rt.out.spin('Loading tree', trpc.task.tree.query({ ...input, limit: PAGE, cursor }));
    tasks.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return tasks;
}

/** A task's whole timeline, oldest first. */
export async function listTimeline(rt: Runtime, taskId: string): Promise<WireEvent[]> {
  const trpc = rt.trpc();
  const events: WireEvent[] = [];
  let afterId: number | undefined;
  for (;;) {
    const page = await rt.out.spin('Loading timeline', trpc.events.list.query({ taskId, limit: PAGE, ...(afterId === undefined ? {} : { afterId }) }));
    events.push(...page.items);
    if (page.nextAfterId === null) return events;
    afterId = page.nextAfterId;
  }
}
