import { childrenOf, toTask, updateTaskRow, type TaskRow } from '@maestro/db';
import type { Task, subtaskCreateInput, subtaskMoveInput, subtaskRefInput, subtaskUpdateInput } from '@maestro/schemas';
import { MaestroError } from '../errors.js';
import type { MutationScope } from '../mutate.js';
import { createTask, deleteTask, moveTask, requireTask, updateTask } from './tasks/index.js';
import type { z } from 'zod';

/** The seed's subtask API is a view over child tasks; these check the parent link then delegate. */
async function requireSubtask(scope: MutationScope, taskId: string, subtaskId: string) {
  const sub = await requireTask(scope.tx, subtaskId);
  if (sub.parentId !== taskId) {
    throw new MaestroError('NOT_FOUND', `Task ${subtaskId} is not a subtask of ${taskId}`, {
      hint: `List its subtasks with \`maestro subtask list ${taskId}\`.`,
      details: { parentId: sub.parentId },
    });
  }
  return sub;
}

export async function createSubtask(scope: MutationScope, input: z.output<typeof subtaskCreateInput>) {
  const { taskId, ...fields } = input;
  const parent = await requireTask(scope.tx, taskId);
  return createTask(scope, { ...fields, projectId: parent.projectId, parentId: parent.id, dependsOn: [] });
}

export async function updateSubtask(scope: MutationScope, input: z.output<typeof subtaskUpdateInput>) {
  const { taskId, subtaskId, ...fields } = input;
  await requireSubtask(scope, taskId, subtaskId);
  return updateTask(scope, { id: subtaskId, ...fields });
}

export async function completeSubtask(scope: MutationScope, input: z.output<typeof subtaskRefInput>) {
  await requireSubtask(scope, input.taskId, input.subtaskId);
  return moveTask(scope, { id: input.subtaskId, to: 'completed', action: 'complete' });
}

export async function deleteSubtask(scope: MutationScope, input: z.output<typeof subtaskRefInput>) {
  await requireSubtask(scope, input.taskId, input.subtaskId);
  return deleteTask(scope, { id: input.subtaskId, cascade: false });
}

/**
 * Moves a subtask to `position` (0-based) among its siblings and renumbers
 * them 0..n-1, in one transaction under the parent's lock (which serialises
 * sibling inserts too). Each sibling whose position changed gets its version
 * bumped and its `task:updated` + `subtask:updated`; the parent gets one
 * `task:updated` (subtask_updated). Returns the subtasks in their new order.
 */
export async function moveSubtask(scope: MutationScope, input: z.output<typeof subtaskMoveInput>): Promise<Task[]> {
  const parent = await requireTask(scope.tx, input.taskId, { forUpdate: true });
  await requireSubtask(scope, input.taskId, input.subtaskId);
  const siblings = await childrenOf(scope.tx, { parentId: parent.id });
  if (input.position >= siblings.length) {
    throw new MaestroError('VALIDATION', `Position ${input.position} is out of range: task ${parent.id} has ${siblings.length} subtask(s)`, {
      hint: `Give a position from 0 to ${siblings.length - 1}.`,
      details: { count: siblings.length },
    });
  }
  const order = siblings.filter((s) => s.id !== input.subtaskId);
  order.splice(
    input.position,
    0,
    siblings.find((s) => s.id === input.subtaskId)!,
  );
  const result: TaskRow[] = [];
  for (const [index, before] of order.entries()) {
    if (before.position === index) {
      result.push(before);
      continue;
    }
    const after = await updateTaskRow(scope.tx, { id: before.id, values: { position: index } });
    const changes = { position: { from: before.position, to: index } };
    const base = { projectId: parent.projectId, sessionId: null };
    scope.emit({ ...base, type: 'task:updated', taskId: after.id, payload: { task: toTask(after), action: 'update', changes } });
    scope.emit({ ...base, type: 'subtask:updated', taskId: parent.id, payload: { subtask: toTask(after), changes } });
    result.push(after);
  }
  if (result.some((row, i) => row !== order[i])) {
    scope.emit({
      type: 'task:updated',
      projectId: parent.projectId,
      taskId: parent.id,
      sessionId: null,
      payload: { task: toTask(parent), action: 'subtask_updated', changes: {}, subtaskId: input.subtaskId },
    });
  }
  return result.map(toTask);
}
