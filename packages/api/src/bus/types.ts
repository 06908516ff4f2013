import type { Tx } from '@maestro/db';
import type { MaestroEvent } from '@maestro/schemas';

export type EventListener = (event: MaestroEvent) => void;

/**
 * Fan-out of committed events to this process's subscribers. Delivery is in id
 * order without gaps from the moment a listener subscribes, because events are
 * read back from the database after commit (commit order equals id order; see
 * `mutate`). Postgres is the only source of truth; the bus only says "look".
 */
export interface EventBus {
  /** Inside the writing transaction, after its events are inserted. */
  inTransaction(tx: Tx, events: readonly MaestroEvent[]): Promise<void>;
  /** After commit: new events are readable. */
  afterCommit(events: readonly MaestroEvent[]): void;
  subscribe(listener: EventListener): () => void;
  /** The highest event id this bus has delivered. */
  readonly lastDeliveredId: number;
  close(): Promise<void>;
}
