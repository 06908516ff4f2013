import { subtaskCreateInput, subtaskListInput, subtaskMoveInput, subtaskRefInput, subtaskUpdateInput, task, taskDeleteOutput } from '@maestro/schemas';
import { z } from 'zod';
import { completeSubtask, createSubtask, deleteSubtask, moveSubtask, updateSubtask } from '../services/subtasks.js';
import { listSubtasks } from '../services/tasks/index.js';
import { mutationProcedure, protectedProcedure, router } from '../trpc.js';
import { inProject } from '../scope.js';

export const subtaskRouter = router({
  create: mutationProcedure
    .input(subtaskCreateInput)
    .use(inProject(subtaskCreateInput, (i) => ({ taskIds: [i.taskId] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(createSubtask, input)),
  list: protectedProcedure
    .input(subtaskListInput)
    .use(inProject(subtaskListInput, (i) => ({ taskIds: [i.taskId] })))
    .output(z.array(task))
    .query(({ ctx, input }) => listSubtasks(ctx.db, input.taskId)),
  update: mutationProcedure
    .input(subtaskUpdateInput)
    .use(inProject(subtaskUpdateInput, (i) => ({ taskIds: [i.taskId, i.subtaskId] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(updateSubtask, input)),
  /** Reorders: the subtask goes to `position` among its siblings; returns them all in the new order. */
  move: mutationProcedure
    .input(subtaskMoveInput)
    .use(inProject(subtaskMoveInput, (i) => ({ taskIds: [i.taskId, i.subtaskId] })))
    .output(z.array(task))
    .mutation(({ ctx, input }) => ctx.run(moveSubtask, input)),
  complete: mutationProcedure
    .input(subtaskRefInput)
    .use(inProject(subtaskRefInput, (i) => ({ taskIds: [i.taskId, i.subtaskId] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(completeSubtask, input)),
  delete: mutationProcedure
    .input(subtaskRefInput)
    .use(inProject(subtaskRefInput, (i) => ({ taskIds: [i.taskId, i.subtaskId] })))
    .output(taskDeleteOutput)
    .mutation(({ ctx, input }) => ctx.run(deleteSubtask, input)),
});
