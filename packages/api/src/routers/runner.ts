import {
  outputChunk,
  runnerClaimInput,
  runnerClaimOutput,
  runnerExitInput,
  runnerHeartbeatInput,
  runnerHeartbeatOutput,
  runnerListOutput,
  runnerOnCommandInput,
  runnerOnSpawnInput,
  runnerOutputInput,
  runnerRegisterInput,
  runnerRegisterOutput,
  runnerStartedInput,
  session,
} from '@maestro/schemas';
import { z } from 'zod';
import { narrowsItself, ownProject } from '../scope.js';
import * as sessions from '../services/sessions/index.js';
import { adminMutationProcedure, adminProcedure, protectedProcedure, router } from '../trpc.js';

/** The runner's side of sessions. Runners authenticate with the server token; what they change is recorded as done by the runner. */
export const runnerRouter = router({
  /**
   * The runners a dashboard shows (and warns about when none is live). Any
   * token may read it: a session token sees only its project's sessions counted.
   * Runners register and heart-beat without events (events belong to a
   * project); their sessions' events (`session:updated`, a sweep to `lost`) are
   * the cue to read it again.
   */
  list: protectedProcedure
    .use(narrowsItself)
    .output(runnerListOutput)
    .query(({ ctx }) => sessions.listRunnerInfo(ctx.db, ctx.config, ownProject(ctx.auth))),
  register: adminMutationProcedure
    .input(runnerRegisterInput)
    .output(runnerRegisterOutput)
    .mutation(({ ctx, input }) => ctx.run(sessions.registerRunner, input)),
  heartbeat: adminMutationProcedure
    .input(runnerHeartbeatInput)
    .output(runnerHeartbeatOutput)
    .mutation(({ ctx, input }) => ctx.run(sessions.heartbeat, input)),
  /** Unclaimed spawn requests now, then each new one. Several runners see the same request; `claim` picks one. */
  onSpawnRequest: adminProcedure
    .input(runnerOnSpawnInput)
    .subscription(({ ctx, signal }) => sessions.streamSpawnRequests({ db: ctx.db, bus: ctx.bus, signal: signal ?? new AbortController().signal })),
  onCommand: adminProcedure
    .input(runnerOnCommandInput)
    .subscription(({ ctx, input, signal }) =>
      sessions.streamCommands({ commands: ctx.commands, runnerId: input.runnerId, signal: signal ?? new AbortController().signal }),
    ),
  claim: adminMutationProcedure
    .input(runnerClaimInput)
    .output(runnerClaimOutput)
    .mutation(({ ctx, input }) => ctx.run(sessions.claimSpawnRequest, input, { actor: input.runnerId })),
  started: adminMutationProcedure
    .input(runnerStartedInput)
    .output(session)
    .mutation(({ ctx, input }) => ctx.run(sessions.reportStarted, input, { actor: input.runnerId })),
  output: adminMutationProcedure
    .input(runnerOutputInput)
    .output(z.object({ stored: z.number().int(), lastSeq: outputChunk.shape.seq }))
    .mutation(({ ctx, input }) => ctx.run(sessions.appendOutput, input, { actor: input.runnerId })),
  exit: adminMutationProcedure
    .input(runnerExitInput)
    .output(session)
    .mutation(({ ctx, input }) => ctx.run(sessions.reportExit, input, { actor: input.runnerId })),
});
