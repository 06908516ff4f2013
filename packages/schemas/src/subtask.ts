import { z } from 'zod';
import { description, mutationMeta, title } from './common.js';
import { taskId } from './ids.js';
import { taskPriority, taskUpdateInput } from './task.js';

/** The seed's subtask API: a view over child tasks, ordered by position. */
export const subtaskCreateInput = z.object({
  taskId,
  title,
  description: description.default(''),
  priority: taskPriority.optional(),
  worktree: z.boolean().default(false),
  ...mutationMeta,
});

export const subtaskListInput = z.object({ taskId });

/** `task.update`'s input, the subtask named by its parent and its own id. */
export const subtaskUpdateInput = z.object({ taskId, subtaskId: taskId, ...taskUpdateInput.omit({ id: true }).shape });

export const subtaskRefInput = z.object({ taskId, subtaskId: taskId, ...mutationMeta });

export const subtaskMoveInput = z.object({
  taskId,
  subtaskId: taskId,
  /** Where it goes: a 0-based index among the parent's subtasks, in `subtask.list` order. */
  position: z.number().int().min(0).max(10_000),
  ...mutationMeta,
});
