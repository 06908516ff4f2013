import {
  outputChunk,
  runnerClaimInput,
  runnerClaimOutput,
  runnerCommand,
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
  type RunnerCommand,
  type Session,
} from '@maestro/schemas';
import { unclaimedSpawns, taskIdsOf, toSession } from '@maestro/db';
import { z } from 'zod';
import { createInbox } from '../inbox.js';
import { mutate } from '../mutate.js';
import * as sessions from '../services/sessions/index.js';
import { adminProcedure, protectedProcedure, router } from '../trpc.js';

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
    .output(runnerListOutput)
    .query(({ ctx }) => sessions.listRunnerInfo(ctx.db, ctx.config, ctx.auth.kind === 'session' ? ctx.auth.projectId : undefined)),
  register: adminProcedure
    .input(runnerRegisterInput)
    .output(runnerRegisterOutput)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'runner.register', input }, (s) => sessions.registerRunner(s, ctx.config, input))),
  heartbeat: adminProcedure
    .input(runnerHeartbeatInput)
    .output(runnerHeartbeatOutput)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'runner.heartbeat', input }, (s) => sessions.heartbeat(s, ctx.config, input))),
  /** Unclaimed spawn requests now, then each new one. Several runners see the same request; `claim` picks one. */
  onSpawnRequest: adminProcedure.input(runnerOnSpawnInput).subscription(async function* ({ ctx, signal }) {
    const abort = signal ?? new AbortController().signal;
    const inbox = createInbox<Session>(abort);
    const unsubscribe = ctx.bus.subscribe((event) => {
      if (event.type === 'session:spawn_requested') inbox.push(event.payload.session);
    });
    try {
      const pending = await unclaimedSpawns(ctx.db);
      const ids = await taskIdsOf(
        ctx.db,
        pending.map((p) => p.id),
      );
      for (const row of pending) yield toSession(row, ids.get(row.id) ?? []);
      for (let next = await inbox.next(); next; next = await inbox.next()) yield next;
    } finally {
      unsubscribe();
    }
  }),
  onCommand: adminProcedure.input(runnerOnCommandInput).subscription(async function* ({ ctx, input, signal }) {
    const inbox = createInbox<RunnerCommand>(signal ?? new AbortController().signal);
    const unsubscribe = ctx.commands.subscribe(input.runnerId, (command) => inbox.push(command));
    try {
      for (let next = await inbox.next(); next; next = await inbox.next()) yield runnerCommand.parse(next);
    } finally {
      unsubscribe();
    }
  }),
  claim: adminProcedure
    .input(runnerClaimInput)
    .output(runnerClaimOutput)
    .mutation(({ ctx, input }) =>
      mutate({ ...ctx, actor: input.runnerId }, { procedure: 'runner.claim', input }, async (s) => {
        // A full runner leaves the request to another runner with room.
        await sessions.assertRunnerHasRoom(s.tx, ctx.config, input.runnerId, input.sessionId);
        return sessions.claimSpawnRequest(s, input);
      }),
    ),
  started: adminProcedure
    .input(runnerStartedInput)
    .output(session)
    .mutation(({ ctx, input }) => mutate({ ...ctx, actor: input.runnerId }, { procedure: 'runner.started', input }, (s) => sessions.reportStarted(s, input))),
  output: adminProcedure
    .input(runnerOutputInput)
    .output(z.object({ stored: z.number().int(), lastSeq: outputChunk.shape.seq }))
    .mutation(({ ctx, input }) =>
      mutate({ ...ctx, actor: input.runnerId }, { procedure: 'runner.output', input }, (s) => sessions.appendOutput(s, input, ctx.output)),
    ),
  exit: adminProcedure
    .input(runnerExitInput)
    .output(session)
    .mutation(({ ctx, input }) => mutate({ ...ctx, actor: input.runnerId }, { procedure: 'runner.exit', input }, (s) => sessions.reportExit(s, input))),
});
