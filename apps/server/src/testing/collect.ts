import type { MaestroClient } from '@maestro/client';
import type { MaestroEvent } from '@maestro/schemas';

type OnEventInput = Parameters<MaestroClient['trpc']['events']['onEvent']['subscribe']>[0];

/** Subscribes to events.onEvent and records what arrives, with a way to wait for a count. */
export function collectEvents(client: MaestroClient, input: OnEventInput) {
  const events: MaestroEvent[] = [];
  const errors: unknown[] = [];
  let started = false;
  const startWaiters: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sub = client.trpc.events.onEvent.subscribe(input, {
    onStarted: () => {
      started = true;
      for (const resolve of startWaiters.splice(0)) resolve();
    },
    onData: (envelope) => {
      // Serialised `unknown` fields come back optional in the inferred type; the shape is the event union.
      events.push(envelope.data as MaestroEvent);
      for (const w of waiters.filter((w) => events.length >= w.n)) w.resolve();
    },
    onError: (error) => errors.push(error),
  });
  return {
    events,
    errors,
    get started() {
      return started;
    },
    /**
     * Resolves once the server has answered the subscription as started: by then it is
     * subscribed to the bus, so a change made afterwards reaches this feed. Resolves at once
     * once it has started (a reconnect does not reset this).
     */
    whenStarted(): Promise<void> {
      return started ? Promise.resolve() : new Promise((resolve) => startWaiters.push(resolve));
    },
    /** Resolves once `n` events have arrived in total; rejects after `timeoutMs`. */
    waitFor(n: number, timeoutMs = 20_000): Promise<MaestroEvent[]> {
      if (events.length >= n) return Promise.resolve(events);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`got ${events.length} of ${n} events: ${events.map((e) => e.type).join(', ')}`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(events)) });
      });
    },
    unsubscribe: () => sub.unsubscribe(),
  };
}
