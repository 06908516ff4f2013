import { childrenOf, findTask, incompleteDependencies, toTask, type Queryable, type TaskRow } from '@maestro/db';
import { isDoneStatus, type TASK_ACTIONS, TASK_TRANSITIONS, canTransition, type TaskStatus } from '@maestro/schemas';
import { MaestroError, notFound } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { diff } from '../diff.js';

type TaskAction = Exclude<(typeof TASK_ACTIONS)[number], `subtask_${string}`>;

export async function requireTask(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<TaskRow> {
  const row = await findTask(db, { id, ...opts });
  if (!row) throw notFound('task', id);
  return row;
}

export function transitionError(row: TaskRow, to: TaskStatus): MaestroError {
  const allowed = TASK_TRANSITIONS[row.status];
  return new MaestroError('INVALID_TRANSITION', `Task ${row.id} is ${row.status}; it cannot move to ${to}`, {
    hint: `From ${row.status} it can move to: ${allowed.join(', ')}.`,
    details: { from: row.status, to, allowed },
  });
}

async function assertDependenciesDone(db: Queryable, row: TaskRow, to: TaskStatus): Promise<void> {
  const waiting = await incompleteDependencies(db, { taskId: row.id });
  if (waiting.length === 0) return;
  const what = to === 'completed' ? 'cannot be completed: it waits' : 'waits';
  throw new MaestroError('DEPENDENCIES_INCOMPLETE', `Task ${row.id} ${what} for ${waiting.length} unfinished task(s): ${waiting.map((t) => t.id).join(', ')}`, {
    hint: 'Finish those first, or remove the dependency with `maestro task deps remove`.',
    details: { waitingFor: waiting.map(toTask) },
  });
}

/**
 * Checks a status change and returns the columns it sets (timestamps, reason,
 * release of the assignee), or null when the task is already there.
 */
export async function statusChange(db: Queryable, row: TaskRow, to: TaskStatus, reason?: string): Promise<Partial<TaskRow> | null> {
  if (row.status === to) return null;
  if (!canTransition(row.status, to)) throw transitionError(row, to);
  // First start (from todo, or from blocked before it ever started) and completion: its dependencies must be done.
  // Completion is checked on its own because a dependency can be added or reopened after the start, and a
  // completed task makes its dependents ready. `in_review` is not checked: it releases no dependent, and
  // the completion that follows it is.
  if ((to === 'in_progress' && !row.startedAt) || to === 'completed') await assertDependenciesDone(db, row, to);
  if (to === 'completed') {
    const open = (await childrenOf(db, { parentId: row.id })).filter((c) => !isDoneStatus(c.status));
    if (open.length > 0) {
      throw new MaestroError('CHILDREN_INCOMPLETE', `Task ${row.id} has ${open.length} open subtask(s): ${open.map((t) => t.id).join(', ')}`, {
        hint: 'Complete or cancel its subtasks first (`maestro subtask list <taskId>`).',
        details: { open: open.map(toTask) },
      });
    }
  }
  const now = new Date();
  const values: Partial<TaskRow> = { status: to };
  if (to === 'blocked') values.blockedReason = reason ?? null;
  if (row.status === 'blocked') values.blockedReason = null;
  if (to === 'in_progress') values.startedAt = row.startedAt ?? now;
  if (to === 'completed') values.completedAt = now;
  if (row.status === 'completed') values.completedAt = null;
  // Back to todo means "nobody is on it": release the claim so it re-enters the ready queue.
  if (to === 'todo') Object.assign(values, { assignee: null, startedAt: null });
  return values;
}

const TRACKED_FIELDS = ['title', 'description', 'status', 'priority', 'blockedReason', 'assignee', 'position', 'worktree'] as const;

/**
 * Records a change to a task on the timeline: `task:updated` for the task and,
 * for a subtask, `subtask:updated` plus `task:updated` on its parent.
 */
export async function emitTaskUpdated(scope: MutationScope, before: TaskRow, after: TaskRow, action: TaskAction, reason?: string): Promise<void> {
  const picked = Object.fromEntries(TRACKED_FIELDS.map((f) => [f, after[f]]));
  const changes = diff(before, picked);
  const task = toTask(after);
  scope.emit({
    type: 'task:updated',
    projectId: after.projectId,
    taskId: after.id,
    sessionId: null,
    payload: { task, action, changes, ...(reason ? { reason } : {}) },
  });
  if (after.parentId) await emitOnParent(scope, after.parentId, { kind: 'updated', subtask: after, changes });
}

type ParentNotice =
  | { kind: 'created'; subtask: TaskRow }
  | { kind: 'updated'; subtask: TaskRow; changes: Record<string, { from: unknown; to: unknown }> }
  | { kind: 'deleted'; subtaskId: string; title: string };

/** The subtask view's events, filed under the parent so its timeline tells the whole story. */
export async function emitOnParent(scope: MutationScope, parentId: string, notice: ParentNotice): Promise<void> {
  const parent = await findTask(scope.tx, { id: parentId });
  if (!parent) return;
  const base = { projectId: parent.projectId, taskId: parent.id, sessionId: null };
  const subtaskId = notice.kind === 'deleted' ? notice.subtaskId : notice.subtask.id;
  if (notice.kind === 'created') scope.emit({ ...base, type: 'subtask:created', payload: { subtask: toTask(notice.subtask) } });
  if (notice.kind === 'updated') scope.emit({ ...base, type: 'subtask:updated', payload: { subtask: toTask(notice.subtask), changes: notice.changes } });
  if (notice.kind === 'deleted') scope.emit({ ...base, type: 'subtask:deleted', payload: { subtaskId, title: notice.title } });
  scope.emit({
    ...base,
    type: 'task:updated',
    payload: { task: toTask(parent), action: `subtask_${notice.kind}`, changes: {}, subtaskId },
  });
}
