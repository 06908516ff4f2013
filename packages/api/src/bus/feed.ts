import { listEvents, maxEventId, type Queryable } from '@maestro/db';
import type { MaestroEvent } from '@maestro/schemas';
import type { EventListener } from './types.js';

const PAGE = 1000;

/**
 * Reads new events from the database and hands them to listeners in position order.
 * Pokes coalesce: one read runs at a time, and a poke during a read schedules
 * exactly one more, so a burst of commits costs a few queries, not one each.
 */
export class EventFeed {
  private readonly listeners = new Set<EventListener>();
  private lastId = 0;
  private running: Promise<void> | null = null;
  private again = false;
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

  poke(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.poke();
      }
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
