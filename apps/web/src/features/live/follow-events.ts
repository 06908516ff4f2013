import type { MaestroEvent } from '@maestro/schemas';
import type { ConnectionStore } from '../connection/store';

/** What tRPC's `subscribe` takes, as far as an event stream needs it. */
export interface StreamHandlers {
  onStarted: () => void;
  onData: (value: { id: string; data: unknown }) => void;
  onComplete: () => void;
  onError: (error: unknown) => void;
}

export type StartStream = (lastEventId: string, handlers: StreamHandlers) => { unsubscribe(): void };

/** Restart delays after a stream failed while the socket stayed up: doubling, with jitter, capped. */
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 15_000;

export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Keeps one `events.onEvent` stream going from `from` until the returned stop
 * is called, handing each event to `onEvent` once, in order.
 *
 * - While the socket reconnects, the WebSocket link resumes the stream from the
 *   last id by itself.
 * - When the stream completes (the client gave up and closed the socket, which
 *   completes every subscription), it restarts from the last id on the next
 *   `connected`.
 * - When the stream fails while the socket stays up (an error inside the
 *   stream), the connection state never changes, so waiting for it would leave
 *   the page silently stale: it restarts from the last id after a backoff.
 */
export function followEvents(opts: { from: string; connection: ConnectionStore; start: StartStream; onEvent: (event: MaestroEvent) => void }): () => void {
  const { connection, start, onEvent } = opts;
  let lastEventId = opts.from;
  let subscription: { unsubscribe(): void } | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;

  const handlers: StreamHandlers = {
    onStarted: () => (attempt = 0),
    onData: ({ id, data }) => {
      lastEventId = id;
      onEvent(data as MaestroEvent);
    },
    onComplete: () => (subscription = null),
    onError: () => {
      subscription = null;
      if (!stopped && !retryTimer) retryTimer = setTimeout(restart, retryDelay(attempt++));
    },
  };
  const restart = () => {
    retryTimer = null;
    if (!stopped && subscription === null && connection.get() === 'connected') subscription = start(lastEventId, handlers);
  };
  // The first start does not wait for `connected`: the link holds it until the socket opens.
  subscription = start(lastEventId, handlers);
  const stopWatching = connection.subscribe(() => {
    if (!retryTimer) restart();
  });
  return () => {
    stopped = true;
    stopWatching();
    if (retryTimer) clearTimeout(retryTimer);
    subscription?.unsubscribe();
  };
}
