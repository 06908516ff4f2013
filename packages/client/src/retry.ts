import type { AppRouter } from '@maestro/api';
import { retryLink, type TRPCClientError, type TRPCLink } from '@trpc/client';
import { backoffDelay } from './backoff.js';

export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  retries: number;
  /** Base of the exponential backoff in ms: retry n waits between base·2ⁿ⁻¹/2 and base·2ⁿ⁻¹ (jittered), capped. */
  baseDelayMs: number;
  /** Upper bound of one wait; 10 s by default. */
  maxDelayMs?: number;
  /** Makes the idempotency key of a mutation that has none; called once per mutation, before its first attempt. */
  newIdempotencyKey?: () => string;
  /** Told before each retry (a CLI's debug output, a dashboard's status line). */
  onRetry?: (info: { path: string; retry: number; delayMs: number; error: TRPCClientError<AppRouter> }) => void;
}

type RetryableError = Pick<TRPCClientError<AppRouter>, 'data' | 'meta' | 'cause'>;

/** HTTP status of a failed call, when the server answered at all. */
function statusOf(error: RetryableError): number | undefined {
  const fromData = error.data?.httpStatus;
  if (typeof fromData === 'number') return fromData;
  const response = (error.meta as { response?: { status?: unknown } } | undefined)?.response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/**
 * Worth another try: the request got no answer (refused, reset, cut), the
 * server failed (5xx) or asked to slow down (429, RATE_LIMITED: nothing was
 * done). Any other 4xx is the caller's problem; retrying cannot fix it.
 */
export function isRetryableError(error: RetryableError): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status >= 500 || status === 429;
  return error.cause !== undefined && error.cause !== null;
}

/** How long a RATE_LIMITED answer asked the caller to wait, if it said. */
export function retryAfterMs(error: RetryableError): number | undefined {
  const details = (error.data as { maestro?: { code?: string; details?: { retryAfterMs?: unknown } } } | undefined)?.maestro;
  const wait = details?.code === 'RATE_LIMITED' ? details.details?.retryAfterMs : undefined;
  return typeof wait === 'number' && wait >= 0 ? wait : undefined;
}

function randomKey(): string {
  return `auto:${globalThis.crypto.randomUUID()}`;
}

/**
 * Gives every mutation that carries no `idempotencyKey` one, once, before any
 * retry: every attempt of that mutation then sends the same key, so the
 * server applies it at most once.
 */
export function idempotencyKeyLink(newKey: () => string = randomKey): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      const input = op.input;
      const needsKey = op.type === 'mutation' && input !== null && typeof input === 'object' && !Array.isArray(input) && !('idempotencyKey' in input);
      return next(needsKey ? { ...op, input: { ...input, idempotencyKey: newKey() } } : op);
    };
}

/**
 * Re-sends a failed query or mutation with backoff, through tRPC's own
 * `retryLink`; subscriptions pass straight through. `retryLink` asks for a
 * delay by attempt number alone, but a RATE_LIMITED answer names its own
 * wait: so each operation gets its own `retryLink`, whose `retry` works the
 * delay out from the error and hands it to `retryDelayMs`, which tRPC calls
 * right after it for the same failure. The operation it re-sends is the one it
 * was given, so the idempotency key set by `idempotencyKeyLink` (ahead of
 * this link) is the same on every attempt.
 */
function backoffRetryLink(policy: RetryPolicy): TRPCLink<AppRouter> {
  const maxDelayMs = policy.maxDelayMs ?? 10_000;
  return (runtime) => (call) => {
    if (call.op.type === 'subscription' || policy.retries <= 0) return call.next(call.op);
    let delayMs = 0;
    const link = retryLink<AppRouter>({
      retry: ({ op, error, attempts }) => {
        if (attempts > policy.retries || !isRetryableError(error)) return false;
        // The server's own estimate wins over our backoff when it gave one (never longer than the cap).
        delayMs = Math.min(maxDelayMs, retryAfterMs(error) ?? backoffDelay(attempts - 1, policy.baseDelayMs, maxDelayMs));
        policy.onRetry?.({ path: op.path, retry: attempts, delayMs, error });
        return true;
      },
      retryDelayMs: () => delayMs,
    });
    return link(runtime)(call);
  };
}

/**
 * Links that retry queries and mutations on network errors and 5xx with
 * exponential backoff and jitter, mutations under one idempotency key.
 * Subscriptions are left to the WebSocket client, which reconnects and
 * resumes from the last event by itself.
 */
export function retryLinks(policy: RetryPolicy): TRPCLink<AppRouter>[] {
  return [idempotencyKeyLink(policy.newIdempotencyKey), backoffRetryLink(policy)];
}
