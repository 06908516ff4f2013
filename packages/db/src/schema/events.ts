import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * Append-only log: every mutation writes its rows and its events in one
 * transaction. Ids are bigserial and may skip values: consumers resume with
 * `id > lastEventId`. There is no foreign key to projects so the log outlives
 * what it describes (a deleted task keeps its timeline).
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: text('project_id').notNull(),
    type: text('type').notNull(),
    taskId: text('task_id'),
    sessionId: text('session_id'),
    actor: text('actor').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_project_idx').on(t.projectId, t.id),
    index('events_task_idx').on(t.taskId, t.id),
    index('events_session_idx').on(t.sessionId, t.id),
  ],
);
