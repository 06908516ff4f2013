import type { Tx } from '@maestro/db';
import type { MaestroEvent } from '@maestro/schemas';

export type EventListener = (event: MaestroEvent) => void;

/**
 * Fan-out of committed events to this process's subscribers. Delivery is in
 * position order without gaps from the moment a listener subscribes: events
 * are read back from the database by position, and positions are handed out
 * only to committed events, in increasing order (docs/adr/0001-event-order.md).
 * Postgres is the only source of truth; the bus only says "look".
 */
export interface EventBus {
  /** Inside the writing transaction, after its events are inserted. */
  inTransaction(tx: Tx): Promise<void>;
  /**
   * After commit: resolves once the events are numbered and readable. Never
   * rejects (the write is committed whatever happens here); a failure is
   * reported and the events are numbered by a later round.
   */
  afterCommit(): Promise<void>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}
