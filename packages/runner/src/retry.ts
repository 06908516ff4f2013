import { backoffDelay } from '@maestro/client';

/**
 * Runs `fn` until it succeeds or `signal` aborts, backing off with jitter.
 * For calls the runner must not give up on (output, exit reports): the
 * server may be restarting, and the agent's work must still arrive.
 */
export async function untilDone<T>(
  fn: () => Promise<T>,
  opts: { signal: AbortSignal; onRetry?: (error: unknown, attempt: number) => void; giveUp?: (error: unknown) => boolean },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (opts.signal.aborted || opts.giveUp?.(error)) throw error;
      opts.onRetry?.(error, attempt);
      await sleep(backoffDelay(Math.min(attempt, 6), 200, 5_000), opts.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // The abort listener goes when the timer fires: a long-lived signal must not collect one per sleep.
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The stable Maestro code of a tRPC client error, if it carries one. */
export function errorCode(error: unknown): string | undefined {
  return (error as { data?: { maestro?: { code?: string } } })?.data?.maestro?.code;
}

/**
 * The server will never take this session's reports: it was deleted (with its
 * project, say) or another runner holds it now. Retrying such an answer would
 * loop for ever; the runner lets the session go instead.
 */
export function sessionGone(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'NOT_FOUND' || code === 'FORBIDDEN';
}
