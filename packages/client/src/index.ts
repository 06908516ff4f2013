import type { AppRouter } from '@maestro/api';
import { createTRPCClient, createWSClient, httpBatchLink, httpLink, splitLink, wsLink, type TRPCClient } from '@trpc/client';
import { REQUEST_LIMITS } from '@maestro/schemas';
import { createConnection, type ConnectionState, type HeartbeatOptions } from './connection.js';
import { retryLinks, type RetryPolicy } from './retry.js';
import { toWebSocketUrl, TRPC_PATH } from './urls.js';

export { backoffDelay } from './backoff.js';
export { DEFAULT_HEARTBEAT, type ConnectionState, type HeartbeatOptions } from './connection.js';
export { idempotencyKeyLink, isRetryableError, retryLinks, type RetryPolicy } from './retry.js';

export { toWebSocketUrl, TRPC_PATH } from './urls.js';
export type { AppRouter, RouterInputs, RouterOutputs } from '@maestro/api';

type FetchLike = NonNullable<Parameters<typeof httpBatchLink>[0]['fetch']>;

export interface MaestroClientOptions {
  /** Server base URL, e.g. http://127.0.0.1:4800 */
  url: string;
  /**
   * Other servers on the same database, tried in turn when the current one
   * cannot be reached (refused, reset, timed out): HTTP calls move on at once,
   * and the WebSocket moves on after an attempt that fails to open. Every
   * server shares the event log, so subscriptions resume without a gap.
   */
  fallbackUrls?: string[];
  /**
   * Bearer token for every call. Optional: a browser page served by the
   * Maestro server authenticates with its HttpOnly session cookie instead, and
   * then no Authorization header and no `?token=` is sent.
   */
  token?: string;
  /** WebSocket constructor: the browser's by default; `ws` in Node (see `@maestro/client/node`). */
  WebSocket?: typeof globalThis.WebSocket;
  /** Browsers cannot set headers on a WebSocket: send the token as a query parameter instead. */
  tokenInWebSocketUrl?: boolean;
  fetch?: FetchLike;
  /** Told each state change: idle → connecting → connected → reconnecting → connected …, or → disconnected. */
  onConnectionState?: (state: ConnectionState) => void;
  /**
   * Consecutive failed connection attempts after which the client stops trying
   * (state `disconnected`) until `reconnect()`. Unlimited when omitted.
   */
  maxReconnectAttempts?: number;
  /** Heartbeat timing; by default a dead connection is noticed within 7 s (ping after 5 s of silence, 2 s for an answer). */
  heartbeat?: Partial<HeartbeatOptions>;
  /**
   * Open the WebSocket only while a subscription needs it (closing it 1 s after
   * the last ends). On by default; a dashboard that always subscribes may turn it off.
   */
  lazy?: boolean;
  /** Retry queries and mutations on network errors and 5xx (mutations with an idempotency key). Off when omitted. */
  retry?: RetryPolicy;
  /**
   * An HTTP call with no answer after this long fails (and is retried when
   * `retry` allows): a frozen server or a silent path must not hang a caller
   * forever. 30 s by default; 0 waits indefinitely.
   */
  requestTimeoutMs?: number;
}

export type MaestroTRPCClient = TRPCClient<AppRouter>;

export interface MaestroClient {
  trpc: MaestroTRPCClient;
  /** Closes the WebSocket (if one was opened) and ends its subscriptions; HTTP needs no cleanup. */
  close(): void;
  /** Tries to connect again now, after `disconnected` (the attempt cap) or any time; subscriptions resume. */
  reconnect(): void;
  /** The WebSocket's state now. */
  connectionState(): ConnectionState;
}

/**
 * The servers a client may use, the current one first. `failover` wraps fetch:
 * a request that gets no answer at all (refused, reset, timed out) is sent to
 * the next server straight away, each server once per call; any HTTP answer,
 * even a 5xx, comes back as it is.
 */
function createServerList(urls: string[]) {
  const bases = urls.map((u) => u.replace(/\/+$/, ''));
  let index = 0;
  const first = bases[0]!;
  return {
    first,
    current: () => bases[index]!,
    next: () => {
      index = (index + 1) % bases.length;
    },
    failover(fetch: FetchLike): FetchLike {
      if (bases.length === 1) return fetch;
      return async (url, init) => {
        const path = String(url).slice(first.length);
        let lastError: unknown;
        for (let tried = 0; tried < bases.length; tried++) {
          const base = bases[index]!;
          try {
            return await fetch(`${base}${path}`, init);
          } catch (error) {
            if (init?.signal?.aborted) throw error;
            lastError = error;
            if (bases[index] === base) index = (index + 1) % bases.length;
          }
        }
        throw lastError;
      };
    },
  };
}

/**
 * `fetch` that gives up after `ms` (tRPC's own abort signal still works). A
 * plain controller and timer, not `AbortSignal.any([…, AbortSignal.timeout()])`:
 * on Node 20 that composite signal can be garbage-collected before it fires,
 * and a call on a dead path then hangs forever (tests/faults/src/network-cut.test.ts).
 */
function withTimeout(fetch: FetchLike, ms: number): FetchLike {
  if (ms <= 0) return fetch;
  return async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
    const outer = init?.signal;
    const forward = () => controller.abort(outer?.reason);
    if (outer?.aborted) forward();
    else outer?.addEventListener('abort', forward, { once: true });
    try {
      return await fetch(url, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    }
  };
}

/**
 * Calls whose input can be megabytes (a runner's output batch is up to ~1.4 MB
 * of base64), sent one per request: batched with the calls made in the same
 * tick (a runner's busy sessions send theirs together) they would add up past
 * the server's body limit and be refused whole (413), then sent again.
 */
const UNBATCHED_PATHS: ReadonlySet<string> = new Set(['runner.output']);

/**
 * The one typed client: queries and mutations over batched HTTP, subscriptions
 * over a WebSocket with heartbeats that reconnects with jittered exponential
 * backoff and resumes every subscription from its last tracked event id.
 */
export function createMaestroClient(options: MaestroClientOptions): MaestroClient {
  const servers = createServerList([options.url, ...(options.fallbackUrls ?? [])]);
  const wsToken = options.tokenInWebSocketUrl && options.token ? options.token : undefined;
  const Native = options.WebSocket ?? globalThis.WebSocket;
  const connection = createConnection({
    open: (url) => new Native(url),
    ...(options.heartbeat ? { heartbeat: options.heartbeat } : {}),
    ...(options.maxReconnectAttempts !== undefined ? { maxReconnectAttempts: options.maxReconnectAttempts } : {}),
    ...(options.onConnectionState ? { onState: options.onConnectionState } : {}),
    onAttemptFailed: () => servers.next(),
  });
  const lazy = options.lazy ?? true;
  const fetchWithTimeout = servers.failover(withTimeout(options.fetch ?? (globalThis.fetch as FetchLike), options.requestTimeoutMs ?? 30_000));
  const wsClient = createWSClient({
    url: () => toWebSocketUrl(servers.current(), wsToken),
    WebSocket: connection.WebSocket,
    lazy: { enabled: lazy, closeMs: 1_000 },
    // Heartbeats are the connection's (see connection.ts): tRPC's would wait ~30 s on a dead path.
    keepAlive: { enabled: false },
    retryDelayMs: () => connection.retryDelayMs(),
  });
  const headers = () => (options.token ? { authorization: `Bearer ${options.token}` } : {});
  const trpc = createTRPCClient<AppRouter>({
    links: [
      ...(options.retry ? retryLinks(options.retry) : []),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: splitLink({
          condition: (op) => UNBATCHED_PATHS.has(op.path),
          true: httpLink({ url: `${servers.first}${TRPC_PATH}`, headers, fetch: fetchWithTimeout }),
          false: httpBatchLink({
            url: `${servers.first}${TRPC_PATH}`,
            // The server refuses longer batches (TOO_LARGE); tRPC splits them into several requests.
            maxItems: REQUEST_LIMITS.batchCalls,
            headers,
            fetch: fetchWithTimeout,
          }),
        }),
      }),
    ],
  });
  return {
    trpc,
    close: () => {
      connection.markClosed();
      void wsClient.close();
    },
    reconnect: () => {
      connection.reconnect();
    },
    connectionState: () => connection.state(),
  };
}
