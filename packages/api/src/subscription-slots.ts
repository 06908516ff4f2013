import { REQUEST_LIMITS } from '@maestro/schemas';
import { MaestroError } from './errors.js';

/**
 * The subscriptions one WebSocket holds open. Each holds a generator, its
 * listeners and what it has yet to send; without a cap one connection could
 * open them without end (sockets per token are capped in apps/server).
 */
export interface SubscriptionSlots {
  /** Takes a slot, or throws LIMIT_REACHED when all are taken; the returned function frees it (once). */
  acquire(): () => void;
  readonly open: number;
}

export function createSubscriptionSlots(max: number = REQUEST_LIMITS.subscriptionsPerSocket): SubscriptionSlots {
  let open = 0;
  return {
    get open() {
      return open;
    },
    acquire() {
      if (open >= max) {
        throw new MaestroError('LIMIT_REACHED', `This connection already holds ${max} subscriptions: at most ${max} are served on one WebSocket`, {
          hint: 'Stop a subscription you no longer need (unsubscribe) and subscribe again, or open another connection.',
          details: { limit: 'subscriptionsPerSocket', max },
        });
      }
      open += 1;
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        open -= 1;
      };
    },
  };
}

/**
 * Frees `release` when the stream ends: it completes, throws, or its consumer
 * returns it (tRPC does on unsubscribe and when the socket closes). A stream
 * never read frees nothing; tRPC reads every one it accepts, and a socket's
 * slots go with it.
 */
export async function* holdingSlot<T>(source: AsyncIterable<T>, release: () => void): AsyncGenerator<T> {
  try {
    yield* source;
  } finally {
    release();
  }
}
