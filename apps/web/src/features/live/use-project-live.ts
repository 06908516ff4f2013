'use client';
import type { MaestroEvent } from '@maestro/schemas';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPCClient } from '@/trpc/react';
import { applyEdgeBatch } from '../board/edges';
import { useDependencyEdges } from '../board/use-dependency-edges';
import { useConnectionStore } from '../connection/context';
import { applyActivityEvents, applySessionEvents, applyTaskEvents, keepNewer } from './apply';
import { followEvents } from './follow-events';
import { invalidateTouched } from './invalidate';
import { liveKeys } from './keys';
import { loadSessions, loadTasks, minEventId } from './load';
import type { ActivityIndex, SessionIndex, TaskIndex } from './types';

/** Events are applied at most once per frame: a burst of 100 changes costs one render. */
const FLUSH_MS = 16;

function applyBatch(queryClient: QueryClient, projectId: string, batch: readonly MaestroEvent[]): void {
  queryClient.setQueryData<TaskIndex>(liveKeys.tasks(projectId), (old) => (old ? applyTaskEvents(old, batch) : old));
  queryClient.setQueryData<SessionIndex>(liveKeys.sessions(projectId), (old) => (old ? applySessionEvents(old, batch) : old));
  queryClient.setQueryData<ActivityIndex>(liveKeys.activity(projectId), (old) => applyActivityEvents(old ?? { bySession: new Map() }, batch));
  applyEdgeBatch(queryClient, projectId, batch);
  invalidateTouched(queryClient, batch);
}

/** The project's tasks: the first page as soon as it arrives (`complete: false`), then all of them. */
export function useProjectTasks(projectId: string) {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: liveKeys.tasks(projectId),
    queryFn: async () => {
      const key = liveKeys.tasks(projectId);
      const full = await loadTasks(client, projectId, (partial) => {
        // Only a first load shows a partial board; a reload keeps what is shown until it is done.
        if (!queryClient.getQueryData(key)) queryClient.setQueryData<TaskIndex>(key, partial);
      });
      return keepNewer(full, queryClient.getQueryData<TaskIndex>(key));
    },
  });
}

export function useProjectSessions(projectId: string) {
  const client = useTRPCClient();
  return useQuery({ queryKey: liveKeys.sessions(projectId), queryFn: () => loadSessions(client, projectId) });
}

export function useSessionActivity(projectId: string): ActivityIndex {
  const { data } = useQuery<ActivityIndex>({
    queryKey: liveKeys.activity(projectId),
    queryFn: () => ({ bySession: new Map() }),
    staleTime: Infinity,
  });
  return data ?? { bySession: new Map() };
}

/**
 * The one live feed of a project: loads the snapshots, then streams
 * `events.onEvent` from the oldest snapshot position and applies each batch to
 * the normalised stores (see followEvents for resuming and restarts). Pages
 * render once every snapshot has its first part (`ready`); the stream starts
 * when the tasks are complete, so a late page cannot undo an event. Mount once
 * per open project.
 */
export function useProjectLive(projectId: string): { ready: boolean } {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const connection = useConnectionStore();
  const tasks = useProjectTasks(projectId);
  const sessions = useProjectSessions(projectId);
  // Asked for with the first task page (one batched request): the board's first render has its dependency badges,
  // and the edges do not queue behind the rest of the task pages.
  useDependencyEdges(projectId);
  const ready = !!tasks.data && !!sessions.data;
  const startAt = tasks.data?.complete && sessions.data ? minEventId(tasks.data.asOfEventId, sessions.data.asOfEventId) : null;
  const startRef = useRef<string | null>(null);
  startRef.current ??= startAt;
  const streaming = startAt !== null;

  useEffect(() => {
    if (!streaming || startRef.current === null) return;
    let pending: MaestroEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      if (batch.length > 0) applyBatch(queryClient, projectId, batch);
    };
    const stop = followEvents({
      from: startRef.current,
      connection,
      start: (lastEventId, handlers) => client.events.onEvent.subscribe({ projectId, lastEventId }, handlers),
      onEvent: (event) => {
        pending.push(event);
        timer ??= setTimeout(flush, FLUSH_MS);
      },
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [streaming, projectId, client, queryClient, connection]);

  return { ready };
}
