import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { MaestroEvent } from '@maestro/schemas';

/** Procedures whose answers the normalised live stores do not cover: refetched when an event touches them. */
const DETAIL_PATHS = new Set(['task.get', 'task.tree', 'events.list', 'subtask.list', 'session.get', 'session.list', 'status.get', 'runner.list']);
/** Summaries that change with almost anything in the project. */
const PROJECT_WIDE = new Set(['status.get', 'runner.list', 'project.list', 'project.get']);

/** tRPC's query key: `[['task','get'], { input, type }]`. */
function parseKey(key: QueryKey): { path: string; input: Record<string, unknown> } | null {
  const [path, meta] = key as [unknown, { input?: unknown } | undefined];
  if (!Array.isArray(path)) return null;
  const input = meta?.input && typeof meta.input === 'object' ? (meta.input as Record<string, unknown>) : {};
  return { path: path.join('.'), input };
}

function idsTouched(events: readonly MaestroEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.taskId) ids.add(event.taskId);
    if (event.sessionId) ids.add(event.sessionId);
    if (event.type === 'subtask:created' || event.type === 'subtask:updated') {
      ids.add(event.payload.subtask.id);
      if (event.payload.subtask.parentId) ids.add(event.payload.subtask.parentId);
    }
    if (event.type === 'task:updated' && event.payload.task.parentId) ids.add(event.payload.task.parentId);
    if (event.type === 'task:dependency_added' || event.type === 'task:dependency_removed') ids.add(event.payload.dependsOnId);
    if (event.type === 'task:deleted') for (const id of event.payload.deletedIds) ids.add(id);
  }
  return ids;
}

/**
 * Refetches (only if something shows them) the detail queries a batch of events
 * touched: a task's detail and timeline, a session's record, the project summary.
 * Terminal output has its own stream and is never refetched here.
 */
export function invalidateTouched(queryClient: QueryClient, events: readonly MaestroEvent[]): void {
  const onlyOutput = events.every((e) => e.type === 'session:output');
  if (onlyOutput) return;
  const ids = idsTouched(events);
  void queryClient.invalidateQueries({
    predicate: (query) => {
      const key = parseKey(query.queryKey);
      if (!key || !DETAIL_PATHS.has(key.path)) return false;
      if (PROJECT_WIDE.has(key.path)) return true;
      return [key.input.id, key.input.taskId, key.input.sessionId].some((v) => typeof v === 'string' && ids.has(v)) || key.path === 'session.list';
    },
  });
}
