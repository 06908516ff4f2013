import { project, projectCreateInput, projectDeleteInput, projectDeleteOutput, projectGetInput, projectListOutput, projectUpdateInput } from '@maestro/schemas';
import { createProject, deleteProject, getProject, listVisibleProjects, updateProject } from '../services/projects.js';
import { adminMutationProcedure, mutationProcedure, protectedProcedure, router } from '../trpc.js';
import { inProject, narrowsItself, ownProject, refuseSessions } from '../scope.js';

export const projectRouter = router({
  create: mutationProcedure
    .use(
      refuseSessions(
        'A session cannot create projects: its token works only inside its own project',
        (auth) => `Ask the person running Maestro to create it (maestro project create, with the server token); meanwhile work in ${auth.projectId}.`,
      ),
    )
    .input(projectCreateInput)
    .output(project)
    .mutation(({ ctx, input }) => ctx.run(createProject, input)),
  /** A session token sees only its own project. */
  list: protectedProcedure
    .use(narrowsItself)
    .output(projectListOutput)
    .query(({ ctx }) => listVisibleProjects(ctx.db, ownProject(ctx.auth))),
  get: protectedProcedure
    .input(projectGetInput)
    .use(inProject(projectGetInput, (i) => ({ projectIds: [i.id] })))
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
