import type { WritePath } from './writes';

/** A change made while disconnected, kept until it has been sent (its idempotency key makes a re-send harmless). */
export interface QueuedWrite {
  id: string;
  path: WritePath;
  /** The call's input, idempotency key included: a replay sends exactly this. */
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
  refusedAt: string;
}

export const OFFLINE_QUEUE_LIMIT = 200;
/** Refusals wait until the person dismisses them; past this many the oldest go (a queue of 200 refusals is already a story). */
const REFUSED_LIMIT = 200;
export const STORAGE_KEY = 'maestro.offline-queue.v1';

export class QueueFullError extends Error {
  readonly code = 'OFFLINE_QUEUE_FULL';
  readonly hint = 'Wait for the connection to come back (or press Retry) so the waiting changes are sent.';
  constructor() {
    super(
      `${OFFLINE_QUEUE_LIMIT} changes are already waiting to be sent, so this one was not kept. Wait for the connection to come back (or press Retry), then make it again.`,
    );
  }
}

export interface QueueState {
  pending: readonly QueuedWrite[];
  refused: readonly RefusedWrite[];
}

const EMPTY: QueueState = { pending: [], refused: [] };

function isWrite(value: unknown): value is QueuedWrite {
  if (!value || typeof value !== 'object') return false;
  const w = value as Record<string, unknown>;
  return typeof w.id === 'string' && typeof w.path === 'string' && typeof w.label === 'string' && !!w.input && typeof w.input === 'object';
}

/** Whatever is stored, a well-formed state: a corrupt or foreign entry is skipped, never crashes the page. */
export function parseStored(raw: string | null | undefined): QueueState {
  if (!raw) return EMPTY;
  try {
    const parsed = JSON.parse(raw) as { pending?: unknown; refused?: unknown };
    const pending = Array.isArray(parsed.pending) ? parsed.pending.filter(isWrite) : [];
    const refused = Array.isArray(parsed.refused)
      ? (parsed.refused.filter((w) => isWrite(w) && typeof (w as RefusedWrite).code === 'string') as RefusedWrite[])
      : [];
    return { pending, refused };
  } catch {
    return EMPTY;
  }
}

/** The part of `Storage` the queue uses (and the `storage` event source, for other tabs' changes). */
export type QueueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The offline queue: bounded, ordered, persisted in localStorage so it survives a
 * reload. Storage is the source of truth: every change re-reads it first, so two
 * tabs of the same dashboard add to one queue instead of overwriting each
 * other's (a `storage` event tells this tab when another one changed it).
 * Immutable snapshots, so React re-renders only when it changes.
 */
export class OfflineQueue {
  private state: QueueState;
  private readonly listeners = new Set<() => void>();
  /** Set when storage refused a write (quota, private mode): the change is then kept in memory only, and the panel says so. */
  storageError: string | null = null;

  constructor(private readonly storage: QueueStorage | null) {
    this.state = this.read();
  }

  private read(): QueueState {
    try {
      return parseStored(this.storage?.getItem(STORAGE_KEY));
    } catch {
      return this.state;
    }
  }

  snapshot = (): QueueState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Another tab changed the stored queue: take its version. */
  reload(): void {
    const next = this.read();
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.notify();
  }

  /** Read-modify-write against storage, so a change another tab made a moment ago is kept. */
  private update(change: (current: QueueState) => QueueState): void {
    const base = this.storage ? this.read() : this.state;
    const next = change(base);
    if (next === base) {
      // Nothing to write; still take what another tab may have stored meanwhile.
      if (JSON.stringify(base) !== JSON.stringify(this.state)) {
        this.state = base;
        this.notify();
      }
      return;
    }
    this.state = next;
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(next));
      this.storageError = null;
    } catch (error) {
      this.storageError = error instanceof Error ? error.message : String(error);
    }
    this.notify();
  }

  /** Adds a change at the end; refuses (QueueFullError) beyond the bound rather than dropping an older one. */
  enqueue(write: Omit<QueuedWrite, 'id' | 'enqueuedAt'>): QueuedWrite {
    const item: QueuedWrite = { ...write, id: crypto.randomUUID(), enqueuedAt: new Date().toISOString() };
    let full = false;
    this.update((current) => {
      if (current.pending.length >= OFFLINE_QUEUE_LIMIT) {
        full = true;
        return current;
      }
      return { ...current, pending: [...current.pending, item] };
    });
    if (full) throw new QueueFullError();
    return item;
  }

  /** A pending write was applied: take it off the queue. */
  settle(id: string): void {
    this.update((current) => (current.pending.some((w) => w.id === id) ? { ...current, pending: current.pending.filter((w) => w.id !== id) } : current));
  }

  /** A pending write was refused by the server: move it to the refused list, where the person sees it until dismissed. */
  refuse(id: string, why: { code: string; message: string; hint?: string | undefined }): RefusedWrite | null {
    let moved: RefusedWrite | null = null;
    this.update((current) => {
      const item = current.pending.find((w) => w.id === id);
      if (!item) return current;
      moved = { ...item, ...why, refusedAt: new Date().toISOString() };
      return { pending: current.pending.filter((w) => w.id !== id), refused: [...current.refused, moved].slice(-REFUSED_LIMIT) };
    });
    return moved;
  }

  dismissRefused(id: string): void {
    this.update((current) => ({ ...current, refused: current.refused.filter((w) => w.id !== id) }));
  }

  dismissAllRefused(): void {
    this.update((current) => (current.refused.length === 0 ? current : { ...current, refused: [] }));
  }
}
