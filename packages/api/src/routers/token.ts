import { tokenCreateInput, tokenCreateOutput, tokenListOutput, tokenRevokeInput, apiToken } from '@maestro/schemas';
import { createApiToken, listTokens, revokeToken } from '../services/tokens.js';
import { adminProcedure, router } from '../trpc.js';

/**
 * Named tokens for remote runners, CI and teammates, each with a role. Only
 * the server token and admin tokens reach these (see roles.ts); token changes
 * are not project events, so they do not appear on any timeline.
 */
export const tokenRouter = router({
  create: adminProcedure
    .input(tokenCreateInput)
    .output(tokenCreateOutput)
    .mutation(({ ctx, input }) => createApiToken(ctx.db, input)),
  list: adminProcedure.output(tokenListOutput).query(({ ctx }) => listTokens(ctx.db)),
  revoke: adminProcedure
    .input(tokenRevokeInput)
    .output(apiToken)
    .mutation(async ({ ctx, input }) => {
      const token = await revokeToken(ctx.db, input.token);
      ctx.hooks.onTokenRevoked?.(token.id);
      return token;
    }),
});
