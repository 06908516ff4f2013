import { sequenceEvents, type Queryable } from '@maestro/db';
import { EventFeed } from './feed.js';
import type { EventBus } from './types.js';

/**
 * One server process on a single-connection database (PGlite). Transactions
 * run one at a time there, so a writer numbers its own events before it
 * commits: nothing else can commit in between.
 */
export async function createMemoryBus(db: Queryable, onError: (error: unknown) => void = () => {}): Promise<EventBus> {
  const feed = new EventFeed(db, onError);
  await feed.start();
  return {
    inTransaction: async (tx) => {
      while ((await sequenceEvents(tx, { maxRows: 1000 })) === 1000);
    },
    afterCommit: async () => feed.poke(),
    subscribe: (listener) => feed.subscribe(listener),
    close: () => feed.close(),
  };
}
