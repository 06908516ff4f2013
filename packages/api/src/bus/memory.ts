import type { Queryable } from '@maestro/db';
import { EventFeed } from './feed.js';
import type { EventBus } from './types.js';

/** One server process: commits in this process poke the feed directly. */
export async function createMemoryBus(db: Queryable, onError: (error: unknown) => void = () => {}): Promise<EventBus> {
  const feed = new EventFeed(db, onError);
  await feed.start();
  return {
    inTransaction: async () => {},
    afterCommit: () => feed.poke(),
    subscribe: (listener) => feed.subscribe(listener),
    get lastDeliveredId() {
      return feed.lastDeliveredId;
    },
    close: () => feed.close(),
  };
}
