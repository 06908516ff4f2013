import { backoffDelay, type MaestroTRPCClient } from '@maestro/client';
import type { ConnectionStore } from '../connection/store';
import type { OfflineQueue, RefusedWrite } from './queue';
import { replayQueue } from './replay';

/** One tab replays at a time (Web Locks); the others see its progress through the `storage` event. */
const LOCK_NAME = 'maestro.offline-replay';

interface DriverOptions {
  client: MaestroTRPCClient;
  connection: ConnectionStore;
  queue: OfflineQueue;
  onRefused: (write: RefusedWrite) => void;
  /** Told each time a replay stopped without an answer (shown in the panel). */
  onStalled?: (reason: string | null) => void;
}

type LockManagerLike = { request(name: string, options: { ifAvailable: boolean }, fn: (lock: unknown) => Promise<void>): Promise<void> };

function withReplayLock(fn: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (!locks) return fn();
  // ifAvailable: when another tab is replaying, this one does nothing now; that tab empties the shared queue.
  return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
    if (lock) await fn();
  });
}

/**
 * Replays the offline queue whenever it can: when the connection comes back,
 * when a change is queued while connected (an earlier one is still waiting),
 * and — after a send that got no answer while the socket says connected (a
 * proxy dropped it, the database is down) — again after a growing, jittered
 * delay. This is a retry of a failed send, not polling: nothing runs while the
 * queue is empty. Returns a stop function.
 */
export function startReplayDriver({ client, connection, queue, onRefused, onStalled }: DriverOptions): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const drain = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (connection.get() !== 'connected' || queue.snapshot().pending.length === 0) return;
    if (retryTimer) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    running = true;
    again = false;
    let stalled: string | null = null;
    void withReplayLock(async () => {
      const result = await replayQueue(client, queue, onRefused);
      stalled = result.done ? null : result.reason;
    })
      .catch((error: unknown) => {
        stalled = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        running = false;
        onStalled?.(stalled);
        if (stopped) return;
        if (stalled === null) {
          failures = 0;
          if (again) drain();
          return;
        }
        failures++;
        retryTimer = setTimeout(
          () => {
            retryTimer = null;
            drain();
          },
          backoffDelay(failures - 1, 1_000, 30_000),
        );
      });
  };

  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith('maestro.offline-queue')) queue.reload();
  };
  const stopConnection = connection.subscribe(() => {
    if (connection.get() === 'connected') failures = 0;
    drain();
  });
  const stopQueue = queue.subscribe(drain);
  window.addEventListener('storage', onStorage);
  window.addEventListener('online', drain);
  drain();
  return () => {
    stopped = true;
    stopConnection();
    stopQueue();
    window.removeEventListener('storage', onStorage);
    window.removeEventListener('online', drain);
    if (retryTimer) clearTimeout(retryTimer);
  };
}
