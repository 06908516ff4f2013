import { subtaskCreateInput, subtaskListInput, subtaskMoveInput, subtaskRefInput, subtaskUpdateInput, task, taskDeleteOutput } from '@maestro/schemas';
import { z } from 'zod';
import { mutate } from '../mutate.js';
import { completeSubtask, createSubtask, deleteSubtask, moveSubtask, updateSubtask } from '../services/subtasks.js';
import { listSubtasks } from '../services/tasks/index.js';
import { protectedProcedure, router } from '../trpc.js';

export const subtaskRouter = router({
  create: protectedProcedure
    .input(subtaskCreateInput)
    .output(task)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'subtask.create', input }, (s) => createSubtask(s, input))),
  list: protectedProcedure
    .input(subtaskListInput)
    .output(z.array(task))
    .query(({ ctx, input }) => listSubtasks(ctx.db, input.taskId)),
  update: protectedProcedure
    .input(subtaskUpdateInput)
    .output(task)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'subtask.update', input }, (s) => updateSubtask(s, input))),
  /** Reorders: the subtask goes to `position` among its siblings; returns them all in the new order. */
  move: protectedProcedure
    .input(subtaskMoveInput)
    .output(z.array(task))
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'subtask.move', input }, (s) => moveSubtask(s, input))),
  complete: protectedProcedure
    .input(subtaskRefInput)
    .output(task)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'subtask.complete', input }, (s) => completeSubtask(s, input))),
  delete: protectedProcedure
    .input(subtaskRefInput)
    .output(taskDeleteOutput)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'subtask.delete', input }, (s) => deleteSubtask(s, input))),
});
