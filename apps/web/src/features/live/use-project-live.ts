'use client';
import type { MaestroEvent } from '@maestro/schemas';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPCClient } from '@/trpc/react';
import { applyEdgeBatch } from '../board/edges';
import { useConnectionStore } from '../connection/context';
import { applyActivityEvents, applySessionEvents, applyTaskEvents } from './apply';
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

export function useProjectTasks(projectId: string) {
  const client = useTRPCClient();
  return useQuery({ queryKey: liveKeys.tasks(projectId), queryFn: () => loadTasks(client, projectId) });
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
 * the normalised stores. The WebSocket link resumes from the last event id by
 * itself; when the client gave up and reconnects later, the stream is restarted
 * from the id kept here. Mount once per open project.
 */
export function useProjectLive(projectId: string): { ready: boolean } {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const connection = useConnectionStore();
  const tasks = useProjectTasks(projectId);
  const sessions = useProjectSessions(projectId);
  const startAt = tasks.data && sessions.data ? minEventId(tasks.data.asOfEventId, sessions.data.asOfEventId) : null;
  const startRef = useRef<string | null>(null);
  startRef.current ??= startAt;
  const ready = startAt !== null;

  useEffect(() => {
    if (!ready || startRef.current === null) return;
    let lastEventId: string = startRef.current;
    let pending: MaestroEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let subscription: { unsubscribe(): void } | null = null;
    let disposed = false;

    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      if (batch.length > 0) applyBatch(queryClient, projectId, batch);
    };
    const subscribe = () => {
      subscription = client.events.onEvent.subscribe(
        { projectId, lastEventId },
        {
          onData: ({ id, data }) => {
            lastEventId = id;
            pending.push(data as MaestroEvent);
            timer ??= setTimeout(flush, FLUSH_MS);
          },
          // A stream that ended (the client closed the socket after too many attempts) restarts on the next connect.
          onComplete: () => (subscription = null),
          onError: () => (subscription = null),
        },
      );
    };
    subscribe();
    const stopWatching = connection.subscribe(() => {
      if (!disposed && subscription === null && connection.get() === 'connected') subscribe();
    });
    return () => {
      disposed = true;
      stopWatching();
      subscription?.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [ready, projectId, client, queryClient, connection]);

  return { ready };
}
