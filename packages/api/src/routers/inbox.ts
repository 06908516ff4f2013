import { inboxListInput, inboxListOutput } from '@maestro/schemas';
import { listInbox } from '../services/inbox.js';
import { protectedProcedure, router } from '../trpc.js';
import { narrowedToProject, visibleProject } from '../scope.js';

export const inboxRouter = router({
  /** What needs a person, most urgent first; a session token sees its own project's. */
  list: protectedProcedure
    .input(inboxListInput)
    .use(narrowedToProject(inboxListInput, (i) => ({ projectIds: [i.projectId] })))
    .output(inboxListOutput)
    .query(({ ctx, input }) => listInbox(ctx.db, { ...input, projectId: visibleProject(ctx.auth, input.projectId) })),
});
