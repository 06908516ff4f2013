import {
  onOutputInput,
  session,
  sessionIdInput,
  sessionInputInput,
  sessionListInput,
  sessionListOutput,
  sessionOutputInput,
  sessionOutputOutput,
  sessionResizeInput,
  sessionSpawnInput,
  sessionStopInput,
  sessionAttentionInput,
  sessionMarkSeenInput,
} from '@maestro/schemas';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { mutate } from '../mutate.js';
import * as sessions from '../services/sessions/index.js';
import { protectedProcedure, router } from '../trpc.js';
import { parseLastEventId } from '../services/events.js';

export const sessionRouter = router({
  spawn: protectedProcedure
    .input(sessionSpawnInput)
    .output(session)
    .mutation(({ ctx, input }) =>
      mutate(ctx, { procedure: 'session.spawn', input }, async (s) => {
        await sessions.assertSpawnCapacity(s.tx, ctx.config);
        return sessions.spawnSession(s, input);
      }),
    ),
  list: protectedProcedure
    .input(sessionListInput)
    .output(sessionListOutput)
    .query(({ ctx, input }) => sessions.listProjectSessions(ctx.db, input, ctx.auth.kind === 'session' ? ctx.auth.projectId : input.projectId)),
  get: protectedProcedure
    .input(sessionIdInput)
    .output(session)
    .query(({ ctx, input }) => sessions.getSession(ctx.db, input.id)),
  stop: protectedProcedure
    .input(sessionStopInput)
    .output(session)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'session.stop', input }, (s) => sessions.stopSession(s, ctx.commands, input.id))),
  /**
   * Keystrokes for the session's terminal; delivered to its runner, never
   * stored. The idempotency record's request hash leaves the keystrokes out
   * (it would be a digest of what was typed): a key names one send to one session.
   */
  sendInput: protectedProcedure
    .input(sessionInputInput)
    .output(z.object({ delivered: z.boolean() }))
    .mutation(({ ctx, input }) =>
      mutate(ctx, { procedure: 'session.sendInput', input: { id: input.id, idempotencyKey: input.idempotencyKey } }, (s) =>
        sessions.sendInput(s, ctx.commands, input),
      ),
    ),
  /**
   * What the session needs from a person: `needs_input` (with the question),
   * `working` or `idle`. From the agent (`maestro session needs-input`), its
   * tool's hooks or the runner's heuristic; see nextAttention for who wins.
   */
  attention: protectedProcedure
    .input(sessionAttentionInput)
    .output(session)
    .mutation(({ ctx, input }) =>
      mutate(ctx, { procedure: 'session.attention', input }, (s) =>
        sessions.signalAttention(s, input.id, {
          state: input.state,
          source: input.source,
          message: input.message,
          observedAt: input.ageMs === undefined ? undefined : new Date(Date.now() - input.ageMs),
        }),
      ),
    ),
  /** A person opened the session (dashboard, `session logs`, `attach`); an ended one leaves the inbox. */
  markSeen: protectedProcedure
    .input(sessionMarkSeenInput)
    .output(session)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'session.markSeen', input }, (s) => sessions.markSeen(s, input.id))),
  resize: protectedProcedure
    .input(sessionResizeInput)
    .output(session)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'session.resize', input }, (s) => sessions.resizeSession(s, ctx.commands, input))),
  /** Stored output from a sequence number (exclusive); for replay and `session logs`. */
  output: protectedProcedure
    .input(sessionOutputInput)
    .output(sessionOutputOutput)
    .query(({ ctx, input }) => sessions.readSessionOutput(ctx.db, input)),
  /** Output from `afterSeq`, then live; ends after the session ends. Tracked by chunk seq for resume. */
  onOutput: protectedProcedure.input(onOutputInput).subscription(async ({ ctx, input, signal }) => {
    // Checked before the stream starts, so a bad resume point or an unknown session fails the call itself.
    const resume = parseLastEventId(input.lastEventId);
    await sessions.requireSession(ctx.db, input.id);
    const stream = sessions.streamOutput({
      db: ctx.db,
      bus: ctx.bus,
      feed: ctx.output,
      sessionId: input.id,
      afterSeq: resume ?? input.afterSeq ?? -1,
      signal: signal ?? new AbortController().signal,
    });
    return (async function* () {
      for await (const chunk of stream) yield tracked(String(chunk.seq), chunk);
    })();
  }),
});
