import type { WritePath } from './writes';

/** A change made while disconnected, kept until it has been sent (its idempotency key makes a re-send harmless). */
export interface QueuedWrite {
  id: string;
  path: WritePath;
  input: Record<string, unknown>;
  /** What the person did, for the badge and for the error if the server refuses it later. */
  label: string;
  enqueuedAt: string;
}

/** A queued change the server refused when it was replayed: shown to the person, never dropped silently. */
export interface RefusedWrite extends QueuedWrite {
  code: string;
  message: string;
  hint?: string | undefined;
}

export const OFFLINE_QUEUE_LIMIT = 200;
const STORAGE_KEY = 'maestro.offline-queue.v1';

export class QueueFullError extends Error {
  constructor() {
    super(`${OFFLINE_QUEUE_LIMIT} changes are already waiting to be sent. Reconnect before making more.`);
  }
}

interface Stored {
  pending: QueuedWrite[];
  refused: RefusedWrite[];
}

/**
 * The offline queue: bounded, ordered, persisted in localStorage so it survives a
 * reload. Immutable snapshots, so React re-renders only when it changes.
 */
export class OfflineQueue {
  private state: Stored;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage | null) {
    this.state = OfflineQueue.load(storage);
  }

  private static load(storage: Storage | null): Stored {
    try {
      const raw = storage?.getItem(STORAGE_KEY);
      if (!raw) return { pending: [], refused: [] };
      const parsed = JSON.parse(raw) as Partial<Stored>;
      return { pending: parsed.pending ?? [], refused: parsed.refused ?? [] };
    } catch {
      return { pending: [], refused: [] };
    }
  }

  snapshot = (): Stored => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private commit(next: Stored): void {
    this.state = next;
    this.storage?.setItem(STORAGE_KEY, JSON.stringify(next));
    for (const listener of this.listeners) listener();
  }

  enqueue(write: Omit<QueuedWrite, 'id' | 'enqueuedAt'>): QueuedWrite {
    if (this.state.pending.length >= OFFLINE_QUEUE_LIMIT) throw new QueueFullError();
    const item: QueuedWrite = { ...write, id: crypto.randomUUID(), enqueuedAt: new Date().toISOString() };
    this.commit({ ...this.state, pending: [...this.state.pending, item] });
    return item;
  }

  /** The oldest pending write was applied (or refused): take it off the queue. */
  settle(id: string, refused?: Omit<RefusedWrite, keyof QueuedWrite>): void {
    const item = this.state.pending.find((w) => w.id === id);
    if (!item) return;
    this.commit({
      pending: this.state.pending.filter((w) => w.id !== id),
      refused: refused ? [...this.state.refused, { ...item, ...refused }] : this.state.refused,
    });
  }

  dismissRefused(id: string): void {
    this.commit({ ...this.state, refused: this.state.refused.filter((w) => w.id !== id) });
  }
}
