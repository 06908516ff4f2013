import { project, projectCreateInput, projectDeleteInput, projectDeleteOutput, projectGetInput, projectListOutput, projectUpdateInput } from '@maestro/schemas';
import { mutate } from '../mutate.js';
import { eventHead } from '../services/events.js';
import { createProject, deleteProject, getProject, listAllProjects, updateProject } from '../services/projects.js';
import { adminProcedure, protectedProcedure, router } from '../trpc.js';

export const projectRouter = router({
  create: adminProcedure
    .input(projectCreateInput)
    .output(project)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'project.create', input }, (s) => createProject(s, input))),
  /** A session token sees only its own project. */
  list: protectedProcedure.output(projectListOutput).query(async ({ ctx }) => {
    const { auth } = ctx;
    const asOfEventId = await eventHead(ctx.db, auth.kind === 'session' ? auth.projectId : undefined);
    const all = await listAllProjects(ctx.db);
    return { items: auth.kind === 'session' ? all.filter((p) => p.id === auth.projectId) : all, asOfEventId };
  }),
  get: protectedProcedure
    .input(projectGetInput)
    .output(project)
    .query(({ ctx, input }) => getProject(ctx.db, input.id)),
  update: adminProcedure
    .input(projectUpdateInput)
    .output(project)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'project.update', input }, (s) => updateProject(s, input))),
  delete: adminProcedure
    .input(projectDeleteInput)
    .output(projectDeleteOutput)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'project.delete', input }, (s) => deleteProject(s, input))),
});
