import { hasUnsequencedEvents, type Queryable } from '@maestro/db';
import type postgres from 'postgres';
import { EventFeed } from './feed.js';
import { createSequencer } from './sequencer.js';
import type { EventBus } from './types.js';

export const EVENTS_CHANNEL = 'maestro_events';

/** How often a server looks for committed events nobody numbered (a writer died between commit and sequencing). */
const SWEEP_MS = 1000;

/**
 * Several server processes on one Postgres. Writers commit in parallel, then
 * the sequencer numbers their events and sends NOTIFY with the last position
 * (see `maestro_sequence_events`); every process LISTENs and reads the new
 * rows. A dropped LISTEN connection re-reads on reconnect, so nothing
 * numbered meanwhile is missed.
 */
export async function createPostgresBus(db: Queryable, client: postgres.Sql, onError: (error: unknown) => void = () => {}): Promise<EventBus> {
  const feed = new EventFeed(db, onError);
  const sequencer = createSequencer(db);
  await sequencer.run();
  await feed.start();
  const listener = await client.listen(
    EVENTS_CHANNEL,
    // The payload is the last position numbered; a reconnect (onlisten) re-reads unconditionally.
    (payload) => feed.poke(Number(payload) || undefined),
    () => feed.poke(),
  );
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    hasUnsequencedEvents(db)
      .then((pending) => (pending ? sequencer.run() : undefined))
      .catch(onError)
      .finally(() => {
        sweeping = false;
      });
  }, SWEEP_MS);
  sweep.unref();
  return {
    inTransaction: async () => {},
    afterCommit: async () => {
      try {
        await sequencer.run();
      } catch (error) {
        onError(error);
      }
      // Poke locally too: this process need not wait for its own NOTIFY round trip.
      feed.poke();
    },
    subscribe: (l) => feed.subscribe(l),
    close: async () => {
      clearInterval(sweep);
      // The connection may already be gone (database closed first); nothing left to undo then.
      await listener.unlisten().catch(() => {});
      await feed.close();
    },
  };
}
