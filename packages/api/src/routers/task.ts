import {
  task,
  taskBlockInput,
  taskClaimInput,
  taskCommentInput,
  taskCreateInput,
  taskDependenciesInput,
  taskDependenciesOutput,
  taskDeleteInput,
  taskDeleteOutput,
  taskDependencyInput,
  taskDependencyOutput,
  taskDetail,
  taskIdInput,
  taskListInput,
  taskListOutput,
  taskMutateInput,
  taskTreeInput,
  taskTreeOutput,
  taskUpdateInput,
} from '@maestro/schemas';
import { z } from 'zod';
import * as tasks from '../services/tasks/index.js';
import { mutationProcedure as write, protectedProcedure, router } from '../trpc.js';

export const taskRouter = router({
  create: write
    .input(taskCreateInput)
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.createTask, input)),
  get: protectedProcedure
    .input(taskIdInput)
    .output(taskDetail)
    .query(({ ctx, input }) => tasks.getTaskDetail(ctx.db, input.id)),
  list: protectedProcedure
    .input(taskListInput)
    .output(taskListOutput)
    .query(({ ctx, input }) => tasks.listProjectTasks(ctx.db, input)),
  /** Every dependency edge of a project (a board computes ready badges and counts from it). */
  dependencies: protectedProcedure
    .input(taskDependenciesInput)
    .output(taskDependenciesOutput)
    .query(({ ctx, input }) => tasks.listDependencyEdges(ctx.db, input.projectId)),
  tree: protectedProcedure
    .input(taskTreeInput)
    .output(taskTreeOutput)
    .query(({ ctx, input }) => tasks.taskTreePage(ctx.db, input)),
  update: write
    .input(taskUpdateInput)
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.updateTask, input)),
  start: write
    .input(taskMutateInput)
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.startTask, input)),
  complete: write
    .input(taskMutateInput)
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.completeTask, input)),
  block: write
    .input(taskBlockInput)
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.blockTask, input)),
  unblock: write
    .input(taskMutateInput)
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.unblockTask, input)),
  comment: write
    .input(taskCommentInput)
    .output(z.object({ taskId: z.string(), body: z.string() }))
    .mutation(({ ctx, input }) => ctx.run(tasks.commentOnTask, input)),
  delete: write
    .input(taskDeleteInput)
    .output(taskDeleteOutput)
    .mutation(({ ctx, input }) => ctx.run(tasks.deleteTask, input)),
  claim: write
    .input(taskClaimInput)
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.claimTask, input)),
  dependency: router({
    add: write
      .input(taskDependencyInput)
      .output(taskDependencyOutput)
      .mutation(({ ctx, input }) => ctx.run(tasks.addDependency, input)),
    remove: write
      .input(taskDependencyInput)
      .output(taskDependencyOutput)
      .mutation(({ ctx, input }) => ctx.run(tasks.removeDependency, input)),
  }),
});
