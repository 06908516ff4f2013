import type { MaestroEvent, Session, Task } from '@maestro/schemas';
import type { ActivityIndex, SessionIndex, TaskIndex } from './types';

/** Newer versions win; an event replayed after a reconnect or a snapshot that already had it changes nothing. */
function upsertTask(byId: Map<string, Task>, task: Task): boolean {
  const current = byId.get(task.id);
  if (current && current.version >= task.version) return false;
  byId.set(task.id, task);
  return true;
}

/** Applies a batch of task events to the index; returns the same index when nothing changed. */
export function applyTaskEvents(index: TaskIndex, events: readonly MaestroEvent[]): TaskIndex {
  let byId: Map<string, Task> | null = null;
  const draft = () => (byId ??= new Map(index.byId));
  for (const event of events) {
    switch (event.type) {
      case 'task:created':
      case 'task:updated':
        upsertTask(draft(), event.payload.task);
        break;
      case 'subtask:created':
      case 'subtask:updated':
        upsertTask(draft(), event.payload.subtask);
        break;
      case 'task:deleted':
        for (const id of [event.payload.taskId, ...event.payload.deletedIds]) draft().delete(id);
        break;
      case 'subtask:deleted':
        draft().delete(event.payload.subtaskId);
        break;
      default:
        break;
    }
  }
  return byId ? { ...index, byId } : index;
}

/**
 * A snapshot that finished loading, keeping any task the cache holds at a newer
 * version (a write's answer stored while the later pages were on their way).
 */
export function keepNewer(snapshot: TaskIndex, current: TaskIndex | undefined): TaskIndex {
  if (!current) return snapshot;
  let byId: Map<string, Task> | null = null;
  for (const [id, task] of current.byId) {
    const loaded = snapshot.byId.get(id);
    if (loaded && loaded.version < task.version) (byId ??= new Map(snapshot.byId)).set(id, task);
  }
  return byId ? { ...snapshot, byId } : snapshot;
}

function sessionIsNewer(current: Session | undefined, next: Session): boolean {
  return !current || next.updatedAt >= current.updatedAt;
}

export function applySessionEvents(index: SessionIndex, events: readonly MaestroEvent[]): SessionIndex {
  let byId: Map<string, Session> | null = null;
  for (const event of events) {
    if (event.type !== 'session:spawn_requested' && event.type !== 'session:updated' && event.type !== 'session:attention') continue;
    const next = event.payload.session;
    if (!sessionIsNewer((byId ?? index.byId).get(next.id), next)) continue;
    (byId ??= new Map(index.byId)).set(next.id, next);
  }
  return byId ? { ...index, byId } : index;
}

export function applyActivityEvents(index: ActivityIndex, events: readonly MaestroEvent[]): ActivityIndex {
  let bySession: Map<string, { seq: number; at: string }> | null = null;
  for (const event of events) {
    if (event.type !== 'session:output') continue;
    (bySession ??= new Map(index.bySession)).set(event.payload.sessionId, { seq: event.payload.seq, at: event.createdAt });
  }
  return bySession ? { bySession } : index;
}
