import {
  project,
  projectCreateInput,
  projectDeleteInput,
  projectDeleteOutput,
  projectGetInput,
  projectUpdateInput,
} from '@maestro/schemas';
import { z } from 'zod';
import { mutate } from '../mutate.js';
import { createProject, deleteProject, getProject, listAllProjects, updateProject } from '../services/projects.js';
import { adminProcedure, protectedProcedure, router } from '../trpc.js';

export const projectRouter = router({
  create: adminProcedure
    .input(projectCreateInput)
    .output(project)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'project.create', input }, (s) => createProject(s, input))),
  /** A session token sees only its own project. */
  list: protectedProcedure.output(z.array(project)).query(async ({ ctx }) => {
    const all = await listAllProjects(ctx.db);
    const { auth } = ctx;
    return auth.kind === 'session' ? all.filter((p) => p.id === auth.projectId) : all;
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
