import { z } from 'zod';
import { LIMITS, pageInput, text, timestamp } from './common.js';
import { eventId, projectId, sessionId, taskId } from './ids.js';
import { attention } from './attention.js';
import { project } from './project.js';
import { session } from './session.js';
import { task, taskCommentOutput } from './task.js';

/** What changed in an update: field → { from, to }. */
export const changes = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));

/** Why a task changed, for the timeline. */
export const TASK_ACTIONS = [
  'update',
  'start',
  'block',
  'unblock',
  'complete',
  'claim',
  'subtask_created',
  'subtask_updated',
  'subtask_deleted',
  'assign',
  'release',
] as const;

const base = {
  id: eventId,
  projectId,
  taskId: taskId.nullable(),
  sessionId: sessionId.nullable(),
  /** Who caused it: `user` (the server token), `token:<name>` (a named token), an agent's session id (`ses_…`), a runner's id (`run_…`: what its sessions did on their own), or `system` (a lease sweep). */
  actor: z.string(),
  createdAt: timestamp,
};

function ev<T extends string, P extends z.ZodType>(type: T, payload: P) {
  return z.object({ ...base, type: z.literal(type), payload });
}

/** Every event Maestro emits, as one discriminated union on `type`. */
export const maestroEvent = z.discriminatedUnion('type', [
  ev('project:created', z.object({ project })),
  ev('project:updated', z.object({ project, changes })),
  ev('project:deleted', z.object({ projectId, name: z.string() })),
  ev('task:created', z.object({ task })),
  ev(
    'task:updated',
    z.object({
      task,
      action: z.enum(TASK_ACTIONS),
      changes,
      reason: z.string().optional(),
      subtaskId: taskId.optional(),
    }),
  ),
  ev('task:deleted', z.object({ taskId, title: z.string(), deletedIds: z.array(taskId) })),
  ev('task:commented', taskCommentOutput),
  ev('task:dependency_added', z.object({ taskId, dependsOnId: taskId })),
  ev('task:dependency_removed', z.object({ taskId, dependsOnId: taskId })),
  ev('subtask:created', z.object({ subtask: task })),
  ev('subtask:updated', z.object({ subtask: task, changes })),
  ev('subtask:deleted', z.object({ subtaskId: taskId, title: z.string() })),
  ev('session:spawn_requested', z.object({ session })),
  ev('session:updated', z.object({ session, changes, reason: z.string().optional() })),
  /** Attention changed (asked, working, idle, seen); `previous` is what it was. */
  ev('session:attention', z.object({ session, previous: attention.nullable() })),
  /** Output itself lives in session_output; the event only says how far it goes. */
  ev('session:output', z.object({ sessionId, seq: z.number().int(), bytes: z.number().int() })),
]);
export type MaestroEvent = z.infer<typeof maestroEvent>;
export type EventType = MaestroEvent['type'];
export const EVENT_TYPES = maestroEvent.options.map<EventType>((o) => o.shape.type.value);

/** An event before it is stored: the database assigns id and time. */
export type NewEvent = {
  [K in MaestroEvent as K['type']]: Omit<K, 'id' | 'createdAt'>;
}[EventType];

export const eventFilter = z.object({
  projectId: projectId.optional(),
  taskId: taskId.optional(),
  sessionId: sessionId.optional(),
  types: z
    .array(z.enum(EVENT_TYPES as [EventType, ...EventType[]]))
    .max(EVENT_TYPES.length)
    .optional(),
});
export type EventFilter = z.infer<typeof eventFilter>;

/**
 * Whether an event passes a filter: what a live subscription (and a client
 * holding events already) keeps. @maestro/db's `listEvents` applies the same
 * filter in SQL for the backfill; the two must agree.
 */
export function eventMatches(event: MaestroEvent, filter: EventFilter): boolean {
  if (filter.projectId && event.projectId !== filter.projectId) return false;
  if (filter.taskId && event.taskId !== filter.taskId) return false;
  if (filter.sessionId && event.sessionId !== filter.sessionId) return false;
  if (filter.types?.length && !filter.types.includes(event.type)) return false;
  return true;
}

export const eventListInput = eventFilter.extend({
  /** Only events after this id (exclusive). */
  afterId: eventId.optional(),
  limit: pageInput.limit,
});
export const eventListOutput = z.object({ items: z.array(maestroEvent), nextAfterId: eventId.nullable() });

export const onEventInput = eventFilter.extend({
  /** Resume point: tRPC's WebSocket link sends the last tracked id on reconnect. */
  lastEventId: text().max(LIMITS.name).nullish(),
});

export const eventHeadInput = z.object({ projectId: projectId.optional() });
/** The newest event id: a client that subscribes from here misses nothing, even if it drops before its first event. */
export const eventHeadOutput = z.object({ lastEventId: eventId });
