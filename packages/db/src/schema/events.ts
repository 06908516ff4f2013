import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * Append-only log: every mutation writes its rows and its events in one
 * transaction. There is no foreign key to projects so the log outlives what
 * it describes (a deleted task keeps its timeline).
 *
 * Two numbers per event (docs/adr/0001-event-order.md):
 * - `id` is the insert order, taken when the writer inserts; writers commit in
 *   any order, so ids become visible out of order and readers never use them.
 * - `pos` is the event's public id and the resume cursor. It is handed out
 *   after commit by `maestro_sequence_events()` (one statement, serialised on
 *   `event_sequencer`'s row), only to committed rows, so positions become
 *   visible in increasing order: a reader that has seen position N has seen
 *   every position below N. Until then `pos` is null and readers skip the row.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    pos: bigint('pos', { mode: 'number' }),
    projectId: text('project_id').notNull(),
    type: text('type').notNull(),
    taskId: text('task_id'),
    sessionId: text('session_id'),
    actor: text('actor').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('events_pos_idx').on(t.pos),
    index('events_unsequenced_idx')
      .on(t.id)
      .where(sql`${t.pos} is null`),
    index('events_project_pos_idx').on(t.projectId, t.pos),
    index('events_task_pos_idx').on(t.taskId, t.pos),
    index('events_session_pos_idx').on(t.sessionId, t.pos),
  ],
);

/** One row: the last position handed out. Its row lock is what serialises sequencing across servers. */
export const eventSequencer = pgTable(
  'event_sequencer',
  {
    id: integer('id').primaryKey(),
    lastPos: bigint('last_pos', { mode: 'number' }).notNull(),
  },
  (t) => [check('event_sequencer_single_row', sql`${t.id} = 1`)],
);
