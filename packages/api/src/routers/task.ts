import {
  task,
  taskBlockInput,
  taskClaimInput,
  taskCommentInput,
  taskCommentOutput,
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
import * as tasks from '../services/tasks/index.js';
import { mutationProcedure as write, protectedProcedure, router } from '../trpc.js';
import { inProject } from '../scope.js';

export const taskRouter = router({
  create: write
    .input(taskCreateInput)
    .use(inProject(taskCreateInput, (i) => ({ projectIds: [i.projectId], taskIds: [i.parentId, ...i.dependsOn] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.createTask, input)),
  get: protectedProcedure
    .input(taskIdInput)
    .use(inProject(taskIdInput, (i) => ({ taskIds: [i.id] })))
    .output(taskDetail)
    .query(({ ctx, input }) => tasks.getTaskDetail(ctx.db, input.id)),
  list: protectedProcedure
    .input(taskListInput)
    .use(inProject(taskListInput, (i) => ({ projectIds: [i.projectId], taskIds: [i.parentId] })))
    .output(taskListOutput)
    .query(async ({ ctx, input }) => {
      const { page, jsonBytes } = await tasks.listProjectTasks(ctx.db, input);
      ctx.answerSize.bytes = jsonBytes;
      return page;
    }),
  /** Every dependency edge of a project (a board computes ready badges and counts from it). */
  dependencies: protectedProcedure
    .input(taskDependenciesInput)
    .use(inProject(taskDependenciesInput, (i) => ({ projectIds: [i.projectId] })))
    .output(taskDependenciesOutput)
    .query(({ ctx, input }) => tasks.listDependencyEdges(ctx.db, input.projectId)),
  tree: protectedProcedure
    .input(taskTreeInput)
    .use(inProject(taskTreeInput, (i) => ({ projectIds: [i.projectId], taskIds: [i.rootId] })))
    .output(taskTreeOutput)
    .query(({ ctx, input }) => tasks.taskTreePage(ctx.db, input)),
  update: write
    .input(taskUpdateInput)
    .use(inProject(taskUpdateInput, (i) => ({ taskIds: [i.id] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.updateTask, input)),
  start: write
    .input(taskMutateInput)
    .use(inProject(taskMutateInput, (i) => ({ taskIds: [i.id] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.startTask, input)),
  complete: write
    .input(taskMutateInput)
    .use(inProject(taskMutateInput, (i) => ({ taskIds: [i.id] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.completeTask, input)),
  block: write
    .input(taskBlockInput)
    .use(inProject(taskBlockInput, (i) => ({ taskIds: [i.id] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.blockTask, input)),
  unblock: write
    .input(taskMutateInput)
    .use(inProject(taskMutateInput, (i) => ({ taskIds: [i.id] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.unblockTask, input)),
  comment: write
    .input(taskCommentInput)
    .use(inProject(taskCommentInput, (i) => ({ taskIds: [i.id] })))
    .output(taskCommentOutput)
    .mutation(({ ctx, input }) => ctx.run(tasks.commentOnTask, input)),
  delete: write
    .input(taskDeleteInput)
    .use(inProject(taskDeleteInput, (i) => ({ taskIds: [i.id] })))
    .output(taskDeleteOutput)
    .mutation(({ ctx, input }) => ctx.run(tasks.deleteTask, input)),
  claim: write
    .input(taskClaimInput)
    .use(inProject(taskClaimInput, (i) => ({ projectIds: [i.projectId], taskIds: [i.id] })))
    .output(task)
    .mutation(({ ctx, input }) => ctx.run(tasks.claimTask, input)),
  dependency: router({
    add: write
      .input(taskDependencyInput)
      .use(inProject(taskDependencyInput, (i) => ({ taskIds: [i.id, i.dependsOnId] })))
      .output(taskDependencyOutput)
      .mutation(({ ctx, input }) => ctx.run(tasks.addDependency, input)),
    remove: write
      .input(taskDependencyInput)
      .use(inProject(taskDependencyInput, (i) => ({ taskIds: [i.id, i.dependsOnId] })))
      .output(taskDependencyOutput)
      .mutation(({ ctx, input }) => ctx.run(tasks.removeDependency, input)),
  }),
});
