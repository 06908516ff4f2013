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
import { protectedProcedure, router } from '../trpc.js';

export const projectRouter = router({
  create: protectedProcedure
    .input(projectCreateInput)
    .output(project)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'project.create', input }, (s) => createProject(s, input))),
  list: protectedProcedure.output(z.array(project)).query(({ ctx }) => listAllProjects(ctx.db)),
  get: protectedProcedure
    .input(projectGetInput)
    .output(project)
    .query(({ ctx, input }) => getProject(ctx.db, input.id)),
  update: protectedProcedure
    .input(projectUpdateInput)
    .output(project)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'project.update', input }, (s) => updateProject(s, input))),
  delete: protectedProcedure
    .input(projectDeleteInput)
    .output(projectDeleteOutput)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'project.delete', input }, (s) => deleteProject(s, input))),
});
