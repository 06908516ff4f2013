import { statusInput, statusOutput } from '@maestro/schemas';
import { projectStatus } from '../services/status.js';
import { protectedProcedure, router } from '../trpc.js';

export const statusRouter = router({
  get: protectedProcedure
    .input(statusInput)
    .output(statusOutput)
    .query(({ ctx, input }) => projectStatus(ctx.db, input.projectId)),
});
