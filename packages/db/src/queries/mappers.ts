import type { Attention, MaestroEvent, Project, Session, Task } from '@maestro/schemas';
import type { events, projects, sessions, tasks } from '../schema/index.js';
import { iso, isoFromJson, isoOrNull } from './rows.js';

export type TaskRow = typeof tasks.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

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

/** A task row as `row_to_json(tasks)` writes it: SQL column names, timestamps as JSON text. */
export interface TaskRowJson {
  id: string;
  project_id: string;
  parent_id: string | null;
  title: string;
  description: string;
  status: TaskRow['status'];
  priority: TaskRow['priority'];
  position: number;
  blocked_reason: string | null;
  assignee: string | null;
  worktree: boolean;
  version: number;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
}

/** `toTask` for a row read as JSON text (`listTasks`): the same answer without a Date per timestamp. */
export function taskFromRowJson(row: TaskRowJson): Task {
  return {
    id: row.id,
    projectId: row.project_id,
    parentId: row.parent_id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    position: row.position,
    blockedReason: row.blocked_reason,
    assignee: row.assignee,
    worktree: row.worktree,
    version: row.version,
    createdAt: isoFromJson(row.created_at),
    updatedAt: isoFromJson(row.updated_at),
    startedAt: row.started_at === null ? null : isoFromJson(row.started_at),
    completedAt: row.completed_at === null ? null : isoFromJson(row.completed_at),
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

/** The four attention columns as one value (null when the state is). */
export function attentionOf(row: SessionRow): Attention | null {
  if (!row.attention || !row.attentionSince || !row.attentionSource) return null;
  return { state: row.attention, since: iso(row.attentionSince), source: row.attentionSource, message: row.attentionMessage };
}

export function toSession(row: SessionRow, taskIds: string[]): Session {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    role: row.role,
    skill: row.skill,
    agent: row.agent,
    command: row.command,
    worktree: row.worktree,
    workingDir: row.workingDir,
    branch: row.branch,
    status: row.status,
    runnerId: row.runnerId,
    pid: row.pid,
    exitCode: row.exitCode,
    signal: row.signal,
    error: row.error,
    parentSessionId: row.parentSessionId,
    spawnedBy: row.spawnedBy,
    taskIds,
    cols: row.cols,
    rows: row.rows,
    sizeController: row.sizeController,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    startedAt: isoOrNull(row.startedAt),
    endedAt: isoOrNull(row.endedAt),
    stopRequestedAt: isoOrNull(row.stopRequestedAt),
    attention: attentionOf(row),
    seenAt: isoOrNull(row.seenAt),
  };
}
