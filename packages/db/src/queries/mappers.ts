import type { MaestroEvent, Project, Task } from '@maestro/schemas';
import type { events, projects, tasks } from '../schema/index.js';
import { iso, isoOrNull } from './rows.js';

export type TaskRow = typeof tasks.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;
export type EventRow = typeof events.$inferSelect;

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    projectId: row.projectId,
    parentId: row.parentId,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    position: row.position,
    blockedReason: row.blockedReason,
    assignee: row.assignee,
    worktree: row.worktree,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    startedAt: isoOrNull(row.startedAt),
    completedAt: isoOrNull(row.completedAt),
  };
}

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    workingDir: row.workingDir,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/**
 * Rows are written only from validated `NewEvent`s, so the stored shape is
 * trusted. Only sequenced rows are read, and an event's public id is its position.
 */
export function toEvent(row: EventRow): MaestroEvent {
  return {
    id: row.pos ?? 0,
    type: row.type,
    projectId: row.projectId,
    taskId: row.taskId,
    sessionId: row.sessionId,
    actor: row.actor,
    payload: row.payload,
    createdAt: iso(row.createdAt),
  } as MaestroEvent;
}
