import { project, projectCreateInput, projectDeleteInput, projectDeleteOutput, projectGetInput, projectListOutput, projectUpdateInput } from '@maestro/schemas';
import { createProject, deleteProject, getProject, listVisibleProjects, updateProject } from '../services/projects.js';
import { ownProject } from '../scope.js';
import { adminMutationProcedure, protectedProcedure, router } from '../trpc.js';

export const projectRouter = router({
  create: adminMutationProcedure
    .input(projectCreateInput)
    .output(project)
    .mutation(({ ctx, input }) => ctx.run(createProject, input)),
  /** A session token sees only its own project. */
  list: protectedProcedure.output(projectListOutput).query(({ ctx }) => listVisibleProjects(ctx.db, ownProject(ctx.auth))),
  get: protectedProcedure
    .input(projectGetInput)
    .output(project)
    .query(({ ctx, input }) => getProject(ctx.db, input.id)),
  update: adminMutationProcedure
    .input(projectUpdateInput)
    .output(project)
    .mutation(({ ctx, input }) => ctx.run(updateProject, input)),
  delete: adminMutationProcedure
    .input(projectDeleteInput)
    .output(projectDeleteOutput)
    .mutation(({ ctx, input }) => ctx.run(deleteProject, input)),
});
