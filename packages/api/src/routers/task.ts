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
import { mutate } from '../mutate.js';
import * as tasks from '../services/tasks/index.js';
import { protectedProcedure, router } from '../trpc.js';

/** A mutation procedure: one transaction, events and idempotency via `mutate`. */
const write = protectedProcedure;

export const taskRouter = router({
  create: write
    .input(taskCreateInput)
    .output(task)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.create', input }, (s) => tasks.createTask(s, input))),
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
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.update', input }, (s) => tasks.updateTask(s, input))),
  start: write
    .input(taskMutateInput)
    .output(task)
    .mutation(({ ctx, input }) =>
      mutate(ctx, { procedure: 'task.start', input }, (s) => tasks.moveTask(s, { id: input.id, to: 'in_progress', action: 'start' })),
    ),
  complete: write
    .input(taskMutateInput)
    .output(task)
    .mutation(({ ctx, input }) =>
      mutate(ctx, { procedure: 'task.complete', input }, (s) => tasks.moveTask(s, { id: input.id, to: 'completed', action: 'complete' })),
    ),
  block: write
    .input(taskBlockInput)
    .output(task)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.block', input }, (s) => tasks.blockTask(s, input))),
  unblock: write
    .input(taskMutateInput)
    .output(task)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.unblock', input }, (s) => tasks.unblockTask(s, input.id))),
  comment: write
    .input(taskCommentInput)
    .output(z.object({ taskId: z.string(), body: z.string() }))
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.comment', input }, (s) => tasks.commentOnTask(s, input))),
  delete: write
    .input(taskDeleteInput)
    .output(taskDeleteOutput)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.delete', input }, (s) => tasks.deleteTask(s, input))),
  claim: write
    .input(taskClaimInput)
    .output(task)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.claim', input }, (s) => tasks.claimTask(s, input))),
  dependency: router({
    add: write
      .input(taskDependencyInput)
      .output(taskDependencyOutput)
      .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.dependency.add', input }, (s) => tasks.addDependency(s, input))),
    remove: write
      .input(taskDependencyInput)
      .output(taskDependencyOutput)
      .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'task.dependency.remove', input }, (s) => tasks.removeDependency(s, input))),
  }),
});
