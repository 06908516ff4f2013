'use client';
import type { Task } from '@maestro/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { liveKeys } from '../live/keys';
import type { TaskIndex } from '../live/types';
import { useProjectTasks } from '../live/use-project-live';

/** Every task of the project by id (live), or an empty map while it loads. */
export function useTaskIndex(projectId: string): ReadonlyMap<string, Task> {
  const { data } = useProjectTasks(projectId);
  return data?.byId ?? EMPTY;
}
const EMPTY: ReadonlyMap<string, Task> = new Map();

/** Children of a task, in their order (position, then creation). */
export function useSubtasks(projectId: string, taskId: string): Task[] {
  const byId = useTaskIndex(projectId);
  return useMemo(
    () => [...byId.values()].filter((t) => t.parentId === taskId).sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt)),
    [byId, taskId],
  );
}

/**
 * Puts a task a write returned into the live store at once (version-gated like
 * the stream), so an edit shows without waiting for its event to come back.
 */
export function useUpsertTasks(projectId: string): (tasks: readonly Task[]) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (tasks) =>
      queryClient.setQueryData<TaskIndex>(liveKeys.tasks(projectId), (old) => {
        if (!old) return old;
        const fresh = tasks.filter((t) => (old.byId.get(t.id)?.version ?? -1) < t.version);
        if (fresh.length === 0) return old;
        const byId = new Map(old.byId);
        for (const t of fresh) byId.set(t.id, t);
        return { ...old, byId };
      }),
    [queryClient, projectId],
  );
}
