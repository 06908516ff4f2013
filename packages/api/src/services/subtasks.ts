import { MaestroError } from '../errors.js';
import type { MutationScope } from '../mutate.js';
import { createTask, deleteTask, moveTask, requireTask, updateTask, type CreateTaskInput, type UpdateTaskInput } from './tasks/index.js';

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

export async function createSubtask(scope: MutationScope, input: Omit<CreateTaskInput, 'projectId' | 'parentId' | 'dependsOn'> & { taskId: string }) {
  const { taskId, ...fields } = input;
  const parent = await requireTask(scope.tx, taskId);
  return createTask(scope, { ...fields, projectId: parent.projectId, parentId: parent.id, dependsOn: [] });
}

export async function updateSubtask(scope: MutationScope, input: Omit<UpdateTaskInput, 'id'> & { taskId: string; subtaskId: string }) {
  const { taskId, subtaskId, ...fields } = input;
  await requireSubtask(scope, taskId, subtaskId);
  return updateTask(scope, { id: subtaskId, ...fields });
}

export async function completeSubtask(scope: MutationScope, input: { taskId: string; subtaskId: string }) {
  await requireSubtask(scope, input.taskId, input.subtaskId);
  return moveTask(scope, { id: input.subtaskId, to: 'completed', action: 'complete' });
}

export async function deleteSubtask(scope: MutationScope, input: { taskId: string; subtaskId: string }) {
  await requireSubtask(scope, input.taskId, input.subtaskId);
  return deleteTask(scope, { id: input.subtaskId, cascade: false });
}
