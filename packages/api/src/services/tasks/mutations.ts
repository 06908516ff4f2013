import {
  childrenOf,
  deleteTasksByIds,
  insertTask,
  newId,
  nextPosition,
  subtreeIds,
  toTask,
  updateTaskRow,
  findTasks,
  insertDependency,
  type TaskRow,
} from '@maestro/db';
import {
  hasTaskChange,
  TASK_CHANGE_FIELDS,
  type Task,
  type TaskCommentOutput,
  type TaskStatus,
  type taskMutateInput,
  type taskBlockInput,
  type taskCommentInput,
  type taskCreateInput,
  type taskDeleteInput,
  type taskUpdateInput,
} from '@maestro/schemas';
import type { z } from 'zod';
import { MaestroError, notFound } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { requireProject } from '../projects.js';
import { emitOnParent, emitTaskUpdated, requireTask, statusChange, transitionError } from './shared.js';

export type CreateTaskInput = z.output<typeof taskCreateInput>;

export async function createTask(scope: MutationScope, input: CreateTaskInput): Promise<Task> {
  const { tx } = scope;
  // Top-level siblings are ordered under the project row's lock, as subtasks are under their parent's.
  await requireProject(tx, input.projectId, { forUpdate: !input.parentId });
  let parent: TaskRow | null = null;
  if (input.parentId) {
    // Locking the parent serialises sibling inserts so positions stay distinct.
    parent = await requireTask(tx, input.parentId, { forUpdate: true });
    if (parent.projectId !== input.projectId) {
      throw new MaestroError('VALIDATION', `Parent ${parent.id} belongs to another project`, {
        hint: 'A subtask lives in its parent’s project.',
      });
    }
  }
  const dependsOn = [...new Set(input.dependsOn)];
  const deps = await findTasks(tx, { ids: dependsOn });
  const missing = dependsOn.filter((id) => !deps.some((d) => d.id === id));
  if (missing.length > 0) throw notFound('task', missing.join(', '));
  const foreign = deps.filter((d) => d.projectId !== input.projectId);
  if (foreign.length > 0) {
    throw new MaestroError('VALIDATION', `Dependencies must be in the same project: ${foreign.map((d) => d.id).join(', ')}`);
  }
  const row = await insertTask(tx, {
    id: newId('task'),
    projectId: input.projectId,
    parentId: parent?.id ?? null,
    title: input.title,
    description: input.description,
    priority: input.priority ?? parent?.priority ?? 'medium',
    position: await nextPosition(tx, { projectId: input.projectId, parentId: parent?.id ?? null }),
    worktree: input.worktree ?? false,
  });
  const task = toTask(row);
  if (parent) await emitOnParent(scope, parent.id, { kind: 'created', subtask: row });
  else scope.emit({ type: 'task:created', projectId: task.projectId, taskId: task.id, sessionId: null, payload: { task } });
  for (const dep of dependsOn) {
    await insertDependency(tx, { taskId: row.id, dependsOnId: dep });
    scope.emit({ type: 'task:dependency_added', projectId: task.projectId, taskId: row.id, sessionId: null, payload: { taskId: row.id, dependsOnId: dep } });
  }
  return task;
}

function assertVersion(row: TaskRow, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new MaestroError('VERSION_CONFLICT', `Task ${row.id} is at version ${row.version}, not ${expectedVersion}: someone changed it since you read it`, {
      hint: 'Re-read it (`maestro task get`), re-apply your change to what is there now, and retry with the new version.',
      details: { currentVersion: row.version, expectedVersion, current: toTask(row) },
    });
  }
}

export type UpdateTaskInput = z.output<typeof taskUpdateInput>;

export async function updateTask(scope: MutationScope, input: UpdateTaskInput): Promise<Task> {
  // Named, not spread: the procedure's input also carries `idempotencyKey`, which is no field to change.
  const { id, expectedVersion, status, title, description, priority, worktree } = input;
  const fields = { title, description, priority, worktree };
  if (!hasTaskChange(input)) {
    throw new MaestroError('VALIDATION', 'Nothing to update', { hint: `Give at least one of ${TASK_CHANGE_FIELDS.join(', ')}.` });
  }
  if (status === 'blocked') {
    throw new MaestroError('VALIDATION', 'Blocking needs a reason', { hint: 'Use `maestro task block <id> --reason "…"` (task.block).' });
  }
  const before = await requireTask(scope.tx, id, { forUpdate: true });
  assertVersion(before, expectedVersion);
  const statusValues = status === undefined ? null : await statusChange(scope.tx, before, status);
  const values: Partial<TaskRow> = { ...statusValues };
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined && value !== before[field as keyof TaskRow]) Object.assign(values, { [field]: value });
  }
  if (Object.keys(values).length === 0) return toTask(before);
  const after = await updateTaskRow(scope.tx, { id, values });
  await emitTaskUpdated(scope, before, after, 'update');
  return toTask(after);
}

/** start | complete | unblock: a status change with its own timeline action. */
export async function moveTask(scope: MutationScope, input: { id: string; to: TaskStatus; action: 'start' | 'complete' | 'unblock' }): Promise<Task> {
  const before = await requireTask(scope.tx, input.id, { forUpdate: true });
  const values = await statusChange(scope.tx, before, input.to);
  if (!values) return toTask(before);
  // An agent that starts an unassigned task takes it.
  if (input.action === 'start' && !before.assignee && scope.actor !== 'user') values.assignee = scope.actor;
  const after = await updateTaskRow(scope.tx, { id: input.id, values });
  await emitTaskUpdated(scope, before, after, input.action);
  return toTask(after);
}

export async function startTask(scope: MutationScope, input: z.output<typeof taskMutateInput>): Promise<Task> {
  return moveTask(scope, { id: input.id, to: 'in_progress', action: 'start' });
}

export async function completeTask(scope: MutationScope, input: z.output<typeof taskMutateInput>): Promise<Task> {
  return moveTask(scope, { id: input.id, to: 'completed', action: 'complete' });
}

export async function unblockTask(scope: MutationScope, input: z.output<typeof taskMutateInput>): Promise<Task> {
  const row = await requireTask(scope.tx, input.id, { forUpdate: true });
  if (row.status !== 'blocked') throw transitionError(row, row.startedAt ? 'in_progress' : 'todo');
  return moveTask(scope, { id: input.id, to: row.startedAt ? 'in_progress' : 'todo', action: 'unblock' });
}

export async function blockTask(scope: MutationScope, input: z.output<typeof taskBlockInput>): Promise<Task> {
  const before = await requireTask(scope.tx, input.id, { forUpdate: true });
  // Blocking a blocked task again replaces the reason: the timeline keeps both.
  const values = before.status === 'blocked' ? { blockedReason: input.reason } : await statusChange(scope.tx, before, 'blocked', input.reason);
  const after = await updateTaskRow(scope.tx, { id: input.id, values: values ?? {} });
  await emitTaskUpdated(scope, before, after, 'block', input.reason);
  return toTask(after);
}

export async function commentOnTask(scope: MutationScope, input: z.output<typeof taskCommentInput>): Promise<TaskCommentOutput> {
  const row = await requireTask(scope.tx, input.id);
  scope.emit({ type: 'task:commented', projectId: row.projectId, taskId: row.id, sessionId: null, payload: { taskId: row.id, body: input.body } });
  return { taskId: row.id, body: input.body };
}

export async function deleteTask(scope: MutationScope, input: z.output<typeof taskDeleteInput>): Promise<{ deletedIds: string[] }> {
  const row = await requireTask(scope.tx, input.id, { forUpdate: true });
  const children = await childrenOf(scope.tx, { parentId: row.id });
  if (children.length > 0 && !input.cascade) {
    throw new MaestroError('HAS_CHILDREN', `Task ${row.id} has ${children.length} subtask(s)`, {
      hint: 'Delete them first, or pass cascade (`--cascade`) to delete the whole subtree.',
      details: { childIds: children.map((c) => c.id) },
    });
  }
  const deletedIds = input.cascade ? await subtreeIds(scope.tx, { rootId: row.id }) : [row.id];
  await deleteTasksByIds(scope.tx, { ids: deletedIds });
  scope.emit({ type: 'task:deleted', projectId: row.projectId, taskId: row.id, sessionId: null, payload: { taskId: row.id, title: row.title, deletedIds } });
  if (row.parentId) await emitOnParent(scope, row.parentId, { kind: 'deleted', subtaskId: row.id, title: row.title });
  return { deletedIds };
}
