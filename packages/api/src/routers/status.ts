import { statusInput, statusOutput } from '@maestro/schemas';
import { projectStatus } from '../services/status.js';
import { protectedProcedure, router } from '../trpc.js';
import { inProject } from '../scope.js';

export const statusRouter = router({
  get: protectedProcedure
    .input(statusInput)
    .use(inProject(statusInput, (i) => ({ projectIds: [i.projectId] })))
    .output(statusOutput)
    .query(({ ctx, input }) => projectStatus(ctx.db, input.projectId)),
});
