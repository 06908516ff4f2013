import { listEvents, maxEventId, type Queryable } from '@maestro/db';
import { eventMatches, type EventFilter, type MaestroEvent } from '@maestro/schemas';
import { MaestroError } from '../errors.js';
import type { EventBus } from '../bus/types.js';
import { subscribeThenRead } from '../live-stream.js';

const BACKFILL_PAGE = 500;
/** A subscriber this far behind stops buffering and catches up from the table instead: nothing is dropped. */
const MAX_BUFFERED = 10_000;

export async function listTimeline(db: Queryable, input: { filter: EventFilter; afterId?: number | undefined; limit: number }) {
  const items = await listEvents(db, input);
  return { items, nextAfterId: items.length === input.limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * A list's `asOfEventId`: read it before the rows, so a subscriber starting
 * from it misses no change the rows do not show. A project's head when the
 * list is one project's (a session token never learns how busy others are).
 */
export async function eventHead(db: Queryable, projectId?: string): Promise<string> {
  return String(await maxEventId(db, { projectId }));
}

/** `events.head`: where the log ends now, overall or in one project. */
export async function logHead(db: Queryable, input: { projectId?: string | undefined }): Promise<{ lastEventId: number }> {
  return { lastEventId: await maxEventId(db, { projectId: input.projectId }) };
}

export function parseLastEventId(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new MaestroError('VALIDATION', `Invalid lastEventId "${value}"`, { hint: 'Pass the id of the last event you received.' });
  }
  return id;
}

/**
 * The event stream behind every subscription: subscribe to the bus first,
 * backfill from the table after `lastEventId`, then stream live events,
 * skipping anything already sent. Resuming with the last id received yields
 * exactly the missed events, in order, then live ones.
 */
export function streamEvents(opts: {
  db: Queryable;
  bus: EventBus;
  filter: EventFilter;
  lastEventId: number | null;
  signal: AbortSignal;
}): AsyncGenerator<MaestroEvent> {
  const { db, bus, filter, signal } = opts;
  let buffer: MaestroEvent[] = [];
  let overflowed = false;
  let last = opts.lastEventId;
  let catchUp = opts.lastEventId !== null;
  return subscribeThenRead({
    signal,
    subscribe: (notify) =>
      bus.subscribe((event) => {
        if (!eventMatches(event, filter)) return;
        if (buffer.length >= MAX_BUFFERED) {
          buffer = [];
          overflowed = true;
        } else buffer.push(event);
        notify();
      }),
    async *read() {
      // Read once subscribed: whatever commits after this head reaches the buffer.
      let after = last ?? (await maxEventId(db));
      for (;;) {
        if (catchUp) {
          catchUp = false;
          for (;;) {
            const page = await listEvents(db, { filter, afterId: after, limit: BACKFILL_PAGE });
            for (const event of page) {
              after = event.id;
              yield event;
            }
            if (page.length < BACKFILL_PAGE || signal.aborted) break;
          }
        }
        // Events were dropped from a full buffer: the table has them, the buffer would skip them.
        if (!overflowed) break;
        overflowed = false;
        catchUp = true;
      }
      const batch = buffer;
      buffer = [];
      for (const event of batch) {
        if (event.id <= after) continue;
        after = event.id;
        yield event;
      }
      last = after;
    },
  });
}
