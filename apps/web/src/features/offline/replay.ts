import type { MaestroTRPCClient } from '@maestro/client';
import { errorInfo } from '@/lib/errors';
import type { OfflineQueue, RefusedWrite } from './queue';
import { callWrite, type WriteInput } from './writes';

/**
 * Sends queued writes in order, one at a time. A refusal (the server answered
 * with an error) is kept as refused and reported; a network failure stops the
 * replay, to be resumed at the next reconnect.
 */
export async function replayQueue(client: MaestroTRPCClient, queue: OfflineQueue, onRefused: (write: RefusedWrite) => void): Promise<void> {
  for (;;) {
    const next = queue.snapshot().pending[0];
    if (!next) return;
    try {
      await callWrite(client, next.path, next.input as WriteInput<typeof next.path>);
      queue.settle(next.id);
    } catch (error) {
      const info = errorInfo(error);
      if (!info) return;
      queue.settle(next.id, { code: info.code, message: info.message, hint: info.hint });
      onRefused({ ...next, code: info.code, message: info.message, hint: info.hint });
    }
  }
}
