'use client';
import type { Task, TaskStatus } from '@maestro/schemas';
import { useDeferredValue, useMemo, useRef } from 'react';
import { useProjectSessions, useProjectTasks, useSessionActivity } from '../live/use-project-live';
import { buildBoard, liveSessionsByTask, stableList, type BoardFilters, type BoardModel } from './model';
import { useDependencyEdges } from './use-dependency-edges';
import type { PendingMove } from './use-moves';

const EMPTY: ReadonlyMap<string, Task> = new Map();

/**
 * Everything the board renders, derived from the live stores. Filters are
 * deferred (typing stays responsive at 5,000 tasks), and a column whose ids did
 * not change keeps its array, so its virtualizer and cards do not re-render.
 */
export function useBoardData(projectId: string, filters: BoardFilters, pending: ReadonlyMap<string, PendingMove>) {
  const tasks = useProjectTasks(projectId);
  const sessions = useProjectSessions(projectId);
  const activity = useSessionActivity(projectId);
  const edges = useDependencyEdges(projectId);
  const byId = tasks.data?.byId ?? EMPTY;
  const deferred = useDeferredValue(filters);

  // A move in flight shows in its new column while the task is still at the version it moved from.
  const overrides = useMemo(() => {
    const map = new Map<string, TaskStatus>();
    for (const [id, move] of pending) if (byId.get(id)?.version === move.version) map.set(id, move.to);
    return map;
  }, [pending, byId]);

  const previous = useRef(new Map<TaskStatus, string[]>());
  const model: BoardModel = useMemo(() => {
    const built = buildBoard(byId, edges.data, deferred, overrides);
    for (const [status, ids] of built.columns) built.columns.set(status, stableList(previous.current.get(status), ids));
    previous.current = built.columns;
    return built;
  }, [byId, edges.data, deferred, overrides]);

  const sessionsByTask = useMemo(() => liveSessionsByTask(sessions.data?.byId), [sessions.data]);
  // Only the first page is in: the columns show their top cards, the counts are not final yet.
  const loading = tasks.data?.complete === false;
  return { byId, model, sessionsByTask, activity, edgesError: edges.error, loading };
}
