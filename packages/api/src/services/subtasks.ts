import type { TaskPriority, TaskStatus } from '@maestro/schemas';
import { MaestroError } from '../errors.js';
import type { MutationScope } from '../mutate.js';
import { createTask, deleteTask, moveTask, requireTask, updateTask } from './tasks/index.js';

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

export async function createSubtask(
  scope: MutationScope,
  input: { taskId: string; title: string; description: string; priority?: TaskPriority | undefined },
) {
  const parent = await requireTask(scope.tx, input.taskId);
  return createTask(scope, { projectId: parent.projectId, parentId: parent.id, title: input.title, description: input.description, priority: input.priority, dependsOn: [] });
}

export async function updateSubtask(
  scope: MutationScope,
  input: {
    taskId: string;
    subtaskId: string;
    title?: string | undefined;
    description?: string | undefined;
    priority?: TaskPriority | undefined;
    status?: TaskStatus | undefined;
    expectedVersion?: number | undefined;
  },
) {
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
