'use client';
import type { MaestroEvent } from '@maestro/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import { useConnectionStore } from '../connection/context';
import { followEvents } from '../live/follow-events';
import { applyProjectEvents, PROJECT_FEED_TYPES, projectsTouched, type ProjectList } from './apply';

/** Counts are re-read at most this often while events pour in (one status.get per busy project). */
const COUNTS_FLUSH_MS = 250;

/**
 * The projects page's one event stream (it has no project stream of its own):
 * from project.list's `asOfEventId`, project events go straight into the list
 * (a project created by the CLI or another tab appears without a reload), and
 * task/session events re-read the counts of the projects they touched. Resumes
 * by itself while the socket reconnects; restarted from the last id when the
 * client had given up and comes back, or when the stream failed (followEvents).
 */
export function useProjectsFeed(asOfEventId: string | undefined): void {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const connection = useConnectionStore();
  const startRef = useRef<string | null>(null);
  startRef.current ??= asOfEventId ?? null;
  const ready = asOfEventId !== undefined;

  useEffect(() => {
    if (!ready || startRef.current === null) return;
    let pending: MaestroEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const listKey = trpc.project.list.queryKey();

    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      queryClient.setQueryData<ProjectList>(listKey, (old) => (old ? applyProjectEvents(old, batch) : old));
      for (const projectId of projectsTouched(batch)) void queryClient.invalidateQueries({ queryKey: trpc.status.get.queryKey({ projectId }) });
    };
    const stop = followEvents({
      from: startRef.current,
      connection,
      start: (lastEventId, handlers) => client.events.onEvent.subscribe({ types: PROJECT_FEED_TYPES, lastEventId }, handlers),
      onEvent: (event) => {
        pending.push(event);
        // Project changes show at once; count refreshes are coalesced.
        if (event.type.startsWith('project:')) {
          if (timer) clearTimeout(timer);
          timer = setTimeout(flush, 16);
        } else timer ??= setTimeout(flush, COUNTS_FLUSH_MS);
      },
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [ready, trpc, client, queryClient, connection]);
}
