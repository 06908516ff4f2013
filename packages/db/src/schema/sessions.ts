import { bigint, index, integer, pgTable, primaryKey, text, customType } from 'drizzle-orm/pg-core';
import { createdAt, optionalTime, updatedAt } from './columns.js';
import { roleEnum, sessionStatusEnum } from './enums.js';
import { projects } from './projects.js';
import { tasks } from './tasks.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: roleEnum('role').notNull().default('worker'),
    skill: text('skill'),
    agent: text('agent'),
    status: sessionStatusEnum('status').notNull().default('spawning'),
    runnerId: text('runner_id'),
    pid: integer('pid'),
    exitCode: integer('exit_code'),
    error: text('error'),
    parentSessionId: text('parent_session_id'),
    spawnedBy: text('spawned_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: optionalTime('started_at'),
    endedAt: optionalTime('ended_at'),
    lastHeartbeatAt: optionalTime('last_heartbeat_at'),
  },
  (t) => [index('sessions_project_status_idx').on(t.projectId, t.status)],
);

export const sessionTasks = pgTable(
  'session_tasks',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.taskId] }), index('session_tasks_task_idx').on(t.taskId)],
);

/** Terminal output in order, so a dashboard can join late or replay a finished session. */
export const sessionOutput = pgTable(
  'session_output',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);
