import type { AppRouter } from '@maestro/api';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCClient } from '@trpc/client';
import { backoffDelay } from './backoff.js';
import { retryLinks, type RetryPolicy } from './retry.js';
import { toWebSocketUrl, TRPC_PATH } from './urls.js';

export { backoffDelay } from './backoff.js';
export { idempotencyKeyLink, isRetryableError, retryLinks, type RetryPolicy } from './retry.js';

export { toWebSocketUrl, TRPC_PATH } from './urls.js';
export type { AppRouter, RouterInputs, RouterOutputs } from '@maestro/api';

/** What a dashboard shows: the WebSocket's state, named for people. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

type FetchLike = NonNullable<Parameters<typeof httpBatchLink>[0]['fetch']>;

export interface MaestroClientOptions {
  /** Server base URL, e.g. http://127.0.0.1:4800 */
  url: string;
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
  onConnectionState?: (state: ConnectionState) => void;
  /** Retry queries and mutations on network errors and 5xx (mutations with an idempotency key). Off when omitted. */
  retry?: RetryPolicy;
}

export type MaestroTRPCClient = TRPCClient<AppRouter>;

export interface MaestroClient {
  trpc: MaestroTRPCClient;
  /** Closes the WebSocket (if one was opened); HTTP needs no cleanup. */
  close(): void;
}

/**
 * The one typed client: queries and mutations over batched HTTP, subscriptions
 * over a lazily opened WebSocket that reconnects and resumes from the last
 * tracked event id.
 */
export function createMaestroClient(options: MaestroClientOptions): MaestroClient {
  const base = options.url.replace(/\/+$/, '');
  const wsUrl = toWebSocketUrl(base, options.tokenInWebSocketUrl && options.token ? options.token : undefined);
  let everConnected = false;
  const wsClient = createWSClient({
    url: wsUrl,
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    lazy: { enabled: true, closeMs: 1_000 },
    keepAlive: { enabled: true, intervalMs: 10_000, pongTimeoutMs: 5_000 },
    retryDelayMs: (attempt) => backoffDelay(attempt),
    onOpen: () => {
      everConnected = true;
      options.onConnectionState?.('connected');
    },
    onClose: () => options.onConnectionState?.(everConnected ? 'reconnecting' : 'disconnected'),
  });
  const trpc = createTRPCClient<AppRouter>({
    links: [
      ...(options.retry ? retryLinks(options.retry) : []),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({
          url: `${base}${TRPC_PATH}`,
          headers: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
      }),
    ],
  });
  return {
    trpc,
    close: () => {
      void wsClient.close();
    },
  };
}
