import type { MaestroTRPCClient } from '@maestro/client';
import { errorInfo } from '@/lib/errors';
import type { OfflineQueue, RefusedWrite } from './queue';
import { callWrite, type WriteInput } from './writes';

/**
 * Codes that say "not now" rather than "no": the change stays queued and is
 * tried again later (the database is down; the person must sign in again).
 */
const TRY_LATER = new Set(['UNAVAILABLE', 'NETWORK', 'UNAUTHORIZED']);

export type Failure = { kind: 'later'; reason: string } | { kind: 'refused'; code: string; message: string; hint?: string | undefined };

/** Whether a failed send is worth sending again later (no answer, or a temporary refusal) or is the server's final word. */
export function classifyFailure(error: unknown): Failure {
  const info = errorInfo(error);
  if (!info) return { kind: 'later', reason: error instanceof Error ? error.message : String(error) };
  if (TRY_LATER.has(info.code)) return { kind: 'later', reason: info.message };
  return { kind: 'refused', code: info.code, message: info.message, hint: info.hint };
}

export type ReplayResult = { done: true } | { done: false; reason: string };

/**
 * Sends queued writes in order, one at a time, each with the idempotency key it
 * got when it was made (a write the server applied before its answer was lost
 * is answered from the server's record, not applied twice). A refusal moves the
 * write to the refused list and is reported; the next one is then sent (each
 * write carries its own expectations, e.g. expectedVersion). A failure to get
 * an answer stops the replay, to resume later from the same write.
 */
export async function replayQueue(client: MaestroTRPCClient, queue: OfflineQueue, onRefused: (write: RefusedWrite) => void): Promise<ReplayResult> {
  for (;;) {
    // Another tab may have sent some meanwhile.
    queue.reload();
    const next = queue.snapshot().pending[0];
    if (!next) return { done: true };
    try {
      await callWrite(client, next.path, next.input as WriteInput<typeof next.path>);
      queue.settle(next.id);
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'later') return { done: false, reason: failure.reason };
      const refused = queue.refuse(next.id, failure);
      if (refused) onRefused(refused);
    }
  }
}
