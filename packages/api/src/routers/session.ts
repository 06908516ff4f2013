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
} from '@maestro/schemas';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { MaestroError } from '../errors.js';
import { mutate } from '../mutate.js';
import * as sessions from '../services/sessions/index.js';
import { protectedProcedure, router } from '../trpc.js';
import { parseLastEventId } from '../services/events.js';

export const sessionRouter = router({
  spawn: protectedProcedure
    .input(sessionSpawnInput)
    .output(session)
    .mutation(({ ctx, input }) => mutate(ctx, { procedure: 'session.spawn', input }, (s) => sessions.spawnSession(s, input))),
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
  /** Keystrokes for the session's terminal; delivered to its runner, never stored. */
  sendInput: protectedProcedure
    .input(sessionInputInput)
    .output(z.object({ delivered: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const row = await sessions.requireSession(ctx.db, input.id);
      if (row.status !== 'active' || !row.runnerId) {
        throw new MaestroError('INVALID_TRANSITION', `Session ${row.id} is ${row.status}: it has no running terminal to type into`);
      }
      await ctx.commands.publish(row.runnerId, { kind: 'input', sessionId: row.id, data: input.data });
      return { delivered: true };
    }),
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
