'use client';
import type { EventType } from '@maestro/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import { useConnectionStore } from '../connection/context';
import { followEvents } from '../live/follow-events';

/** Events that can change what the inbox lists. */
const INBOX_FEED_TYPES: EventType[] = [
  'session:attention',
  'session:updated',
  'task:updated',
  'task:deleted',
  'subtask:updated',
  'subtask:deleted',
  'project:updated',
  'project:deleted',
];

/** Bursts (a runner ending many sessions) re-read the inbox once. */
const FLUSH_MS = 100;

/**
 * One event stream across projects for the inbox (and the header's count):
 * from inbox.list's `asOfEventId`, any change that can add or remove an item
 * re-reads the list. The list is ordered and counted by the server, so the
 * dashboard and `maestro inbox` always agree.
 */
export function useInboxFeed(asOfEventId: string | undefined): void {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const connection = useConnectionStore();
  const startRef = useRef<string | null>(null);
  startRef.current ??= asOfEventId ?? null;
  const ready = asOfEventId !== undefined;

  useEffect(() => {
    if (!ready || startRef.current === null) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = followEvents({
      from: startRef.current,
      connection,
      start: (lastEventId, handlers) => client.events.onEvent.subscribe({ types: INBOX_FEED_TYPES, lastEventId }, handlers),
      onEvent: () => {
        timer ??= setTimeout(() => {
          timer = null;
          void queryClient.invalidateQueries({ queryKey: trpc.inbox.list.queryKey() });
        }, FLUSH_MS);
      },
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [ready, trpc, client, queryClient, connection]);
}
