import { z } from 'zod';

/**
 * Where a list's snapshot stands in the event log: the newest event id visible
 * when it was read (a decimal string, 0 for an empty log). The head is read
 * before the rows, so subscribing to `events.onEvent` with it as `lastEventId`
 * misses nothing; an event the snapshot already reflects may arrive again, so
 * apply events by `version` (or idempotently).
 */
export const asOfEventId = z.string().regex(/^\d+$/, 'an event id (digits)');
export type AsOfEventId = z.infer<typeof asOfEventId>;
