import type { Queryable } from '@maestro/db';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { EventFeed } from './feed.js';
import type { EventBus } from './types.js';

export const EVENTS_CHANNEL = 'maestro_events';

/**
 * Several server processes on one Postgres. The writing transaction sends
 * NOTIFY with its last event id (delivered only if it commits); every process
 * LISTENs and reads the new rows. A dropped LISTEN connection re-reads on
 * reconnect, so nothing committed meanwhile is missed.
 */
export async function createPostgresBus(
  db: Queryable,
  client: postgres.Sql,
  onError: (error: unknown) => void = () => {},
): Promise<EventBus> {
  const feed = new EventFeed(db, onError);
  await feed.start();
  const listener = await client.listen(
    EVENTS_CHANNEL,
    () => feed.poke(),
    () => feed.poke(),
  );
  return {
    inTransaction: async (tx, events) => {
      const last = events.at(-1);
      if (last) await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${String(last.id)})`);
    },
    // Poke locally too: this process need not wait for its own NOTIFY round trip.
    afterCommit: () => feed.poke(),
    subscribe: (l) => feed.subscribe(l),
    get lastDeliveredId() {
      return feed.lastDeliveredId;
    },
    close: async () => {
      // The connection may already be gone (database closed first); nothing left to undo then.
      await listener.unlisten().catch(() => {});
      await feed.close();
    },
  };
}
