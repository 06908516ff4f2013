import { listEvents, maxEventId, type Queryable } from '@maestro/db';
import type { MaestroEvent } from '@maestro/schemas';
import type { EventListener } from './types.js';

const PAGE = 1000;

/**
 * Reads new events from the database and hands them to listeners in position order.
 * Pokes coalesce: one read runs at a time, and pokes during a read schedule at
 * most one more, so a burst of commits costs a few queries, not one each.
 */
export class EventFeed {
  private readonly listeners = new Set<EventListener>();
  private lastId = 0;
  private running: Promise<void> | null = null;
  /** The highest position asked for while a read ran (0: none): one more read follows if it was not reached. */
  private wanted = 0;
  private closed = false;

  constructor(
    private readonly db: Queryable,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    this.lastId = await maxEventId(this.db);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads what is new. `upTo` is the last position the caller knows exists
   * (a NOTIFY's payload): nothing to do if it was already delivered, which
   * spares a query per commit in the process that wrote it (it pokes itself
   * before its own NOTIFY comes back).
   */
  poke(upTo = Number.POSITIVE_INFINITY): void {
    if (this.closed || upTo <= this.lastId) return;
    if (this.running) {
      this.wanted = Math.max(this.wanted, upTo);
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      const wanted = this.wanted;
      this.wanted = 0;
      if (wanted > 0) this.poke(wanted);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const batch = await listEvents(this.db, { filter: {}, afterId: this.lastId, limit: PAGE });
        for (const event of batch) this.deliver(event);
        if (batch.length < PAGE || this.closed) return;
      }
    } catch (error) {
      this.onError(error);
    }
  }

  private deliver(event: MaestroEvent): void {
    this.lastId = event.id;
    for (const listener of this.listeners) listener(event);
  }
}
