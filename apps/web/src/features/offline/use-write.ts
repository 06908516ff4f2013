'use client';
import { useCallback } from 'react';
import { errorInfo, isNetworkError } from '@/lib/errors';
import { useTRPCClient } from '@/trpc/react';
import { useConnectionStore } from '../connection/context';
import { useOfflineQueue } from './context';
import { callWrite, type WriteInput, type WriteOutput, type WritePath } from './writes';

export type WriteResult<P extends WritePath> = { queued: true } | { queued: false; result: WriteOutput<P> };

/** The call got no answer, or the server said nothing was written and to retry later: keep it and send it later. */
function worthQueueing(error: unknown): boolean {
  return isNetworkError(error) || errorInfo(error)?.code === 'UNAVAILABLE';
}

/**
 * The one way the dashboard changes anything. Connected: the call is made and its
 * result returned (a refusal throws, for the caller to show where it happened).
 * Disconnected, or with older changes still queued (order is kept): the change is
 * queued with its idempotency key and sent in order when the connection returns.
 * A full queue throws `QueueFullError` (its message says what to do) — the
 * change is refused, never silently dropped.
 */
export function useWrite() {
  const client = useTRPCClient();
  const queue = useOfflineQueue();
  const connection = useConnectionStore();
  return useCallback(
    async <P extends WritePath>(path: P, input: WriteInput<P>, label: string): Promise<WriteResult<P>> => {
      // One key for every attempt of this change: direct, then queued, then replayed after a reload.
      const keyed = { idempotencyKey: crypto.randomUUID(), ...(input as Record<string, unknown>) };
      const enqueue = (): WriteResult<P> => {
        queue.enqueue({ path, input: keyed, label });
        return { queued: true };
      };
      queue.reload();
      if (connection.get() !== 'connected' || queue.snapshot().pending.length > 0) return enqueue();
      try {
        return { queued: false, result: await callWrite(client, path, keyed as WriteInput<P>) };
      } catch (error) {
        if (worthQueueing(error)) return enqueue();
        throw error;
      }
    },
    [client, queue, connection],
  );
}
