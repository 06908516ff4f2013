'use client';
import { useCallback } from 'react';
import { isNetworkError } from '@/lib/errors';
import { useTRPCClient } from '@/trpc/react';
import { useConnectionStore } from '../connection/context';
import { useOfflineQueue } from './context';
import { callWrite, type WriteInput, type WriteOutput, type WritePath } from './writes';

export type WriteResult<P extends WritePath> = { queued: true } | { queued: false; result: WriteOutput<P> };

/**
 * The one way the dashboard changes anything. Connected: the call is made and its
 * result returned (a refusal throws, for the caller to show where it happened).
 * Disconnected, or with older changes still queued: the change is queued with its
 * idempotency key and sent in order when the connection returns.
 */
export function useWrite() {
  const client = useTRPCClient();
  const queue = useOfflineQueue();
  const connection = useConnectionStore();
  return useCallback(
    async <P extends WritePath>(path: P, input: WriteInput<P>, label: string): Promise<WriteResult<P>> => {
      const keyed = { idempotencyKey: crypto.randomUUID(), ...(input as Record<string, unknown>) };
      const enqueue = (): WriteResult<P> => {
        queue.enqueue({ path, input: keyed, label });
        return { queued: true };
      };
      if (connection.get() !== 'connected' || queue.snapshot().pending.length > 0) return enqueue();
      try {
        return { queued: false, result: await callWrite(client, path, keyed as WriteInput<P>) };
      } catch (error) {
        if (isNetworkError(error)) return enqueue();
        throw error;
      }
    },
    [client, queue, connection],
  );
}
