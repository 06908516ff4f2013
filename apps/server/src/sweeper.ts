import { sweepLostSessions, type ContextInner } from '@maestro/api';
import { purgeIdempotencyKeys } from '@maestro/db';
import type { Logger } from './logger.js';

/** Idempotency records past their window (IDEMPOTENCY_WINDOW_MS) go this often: each holds a whole response. */
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Marks `lost` the sessions of runners that stopped heart-beating. It waits one
 * lease after start before judging: runners need that long to find a server
 * that was down, and their silence meanwhile was the server's fault.
 */
export function startSweeper(ctx: ContextInner, logger: Logger): { stop(): void } {
  const lease = ctx.config.runnerLeaseMs;
  const every = Math.max(500, Math.min(5_000, Math.floor(lease / 3)));
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    sweepLostSessions(ctx)
      .then((n) => n > 0 && logger.warn({ lost: n }, 'sessions lost: their runner stopped heart-beating'))
      .catch((error: unknown) => logger.error({ err: error }, 'session sweep failed'))
      .finally(() => (running = false));
  };
  const purge = () => {
    purgeIdempotencyKeys(ctx.db)
      .then((n) => n > 0 && logger.info({ purged: n }, 'expired idempotency records purged'))
      .catch((error: unknown) => logger.error({ err: error }, 'idempotency purge failed'));
  };
  let interval: NodeJS.Timeout | null = null;
  let purging: NodeJS.Timeout | null = null;
  const grace = setTimeout(() => {
    tick();
    interval = setInterval(tick, every);
    interval.unref();
    purge();
    purging = setInterval(purge, PURGE_EVERY_MS);
    purging.unref();
  }, lease);
  grace.unref();
  return {
    stop: () => {
      clearTimeout(grace);
      if (interval) clearInterval(interval);
      if (purging) clearInterval(purging);
    },
  };
}
