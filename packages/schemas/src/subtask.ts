import { z } from 'zod';
import { description, int32, mutationMeta, title } from './common.js';
import { taskId } from './ids.js';
import { taskPriority, taskStatus } from './task.js';

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

export const subtaskUpdateInput = z.object({
  taskId,
  subtaskId: taskId,
  title: title.optional(),
  description: description.optional(),
  priority: taskPriority.optional(),
  status: taskStatus.optional(),
  worktree: z.boolean().optional(),
  expectedVersion: int32().nonnegative().optional(),
  ...mutationMeta,
});

export const subtaskRefInput = z.object({ taskId, subtaskId: taskId, ...mutationMeta });

export const subtaskMoveInput = z.object({
  taskId,
  subtaskId: taskId,
  /** Where it goes: a 0-based index among the parent's subtasks, in `subtask.list` order. */
  position: z.number().int().min(0).max(10_000),
  ...mutationMeta,
});
