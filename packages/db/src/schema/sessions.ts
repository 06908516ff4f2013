import { bigint, boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, optionalTime, updatedAt } from './columns.js';
import { agentEnum, attentionSourceEnum, attentionStateEnum, roleEnum, sessionStatusEnum } from './enums.js';
import { projects } from './projects.js';
import { tasks } from './tasks.js';

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
    agent: agentEnum('agent').notNull().default('claude'),
    /** The command line for custom agents. */
    command: text('command'),
    worktree: boolean('worktree').notNull().default(false),
    /** Where the agent actually runs (the project's directory or its worktree), set when it starts. */
    workingDir: text('working_dir'),
    branch: text('branch'),
    status: sessionStatusEnum('status').notNull().default('spawning'),
    runnerId: text('runner_id'),
    pid: integer('pid'),
    exitCode: integer('exit_code'),
    signal: text('signal'),
    error: text('error'),
    parentSessionId: text('parent_session_id'),
    spawnedBy: text('spawned_by').notNull(),
    cols: integer('cols').notNull().default(120),
    rows: integer('rows').notNull().default(32),
    /** The viewer whose resizes set the terminal's size (null: none; any resize may take it). */
    sizeController: text('size_controller'),
    /** sha256 of the session-scoped token; the token itself is handed to the runner once and never stored. */
    tokenHash: text('token_hash'),
    stopRequestedAt: optionalTime('stop_requested_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: optionalTime('started_at'),
    endedAt: optionalTime('ended_at'),
    /** Attention (null: nothing needs a person); the four columns are set together. */
    attention: attentionStateEnum('attention'),
    attentionSince: optionalTime('attention_since'),
    attentionSource: attentionSourceEnum('attention_source'),
    attentionMessage: text('attention_message'),
    /** When a person last opened the session; an ended session is `unseen` until then. */
    seenAt: optionalTime('seen_at'),
  },
  (t) => [
    index('sessions_attention_idx').on(t.attention),
    index('sessions_project_status_idx').on(t.projectId, t.status),
    index('sessions_runner_idx').on(t.runnerId),
    uniqueIndex('sessions_token_hash_unique').on(t.tokenHash),
  ],
);

/** Session hosts. A runner that stops heart-beating past its lease loses its live sessions. */
export const runners = pgTable('runners', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  hostname: text('hostname').notNull(),
  pid: integer('pid').notNull(),
  createdAt: createdAt(),
  lastHeartbeatAt: timestamp('last_heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
});

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

/**
 * Terminal output in order, so a dashboard can join late or replay a finished
 * session. Stored as base64 text: it arrives and leaves as base64 (JSON), and
 * both drivers write and read text several times faster than bytea.
 */
export const sessionOutput = pgTable(
  'session_output',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** Stored uncompressed (STORAGE EXTERNAL, migration 0002): base64 gives pglz little to find. */
    dataBase64: text('data_base64').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);
