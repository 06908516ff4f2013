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
import * as sessions from '../services/sessions/index.js';
import { mutationProcedure, protectedProcedure, router } from '../trpc.js';
import { inProject, visibleProject } from '../scope.js';
import { parseLastEventId } from '../services/events.js';

export const sessionRouter = router({
  spawn: mutationProcedure
    .input(sessionSpawnInput)
    .use(inProject(sessionSpawnInput, (i) => ({ projectIds: [i.projectId], taskIds: i.taskIds })))
    .output(session)
    .mutation(({ ctx, input }) => ctx.run(sessions.spawnSession, input)),
  list: protectedProcedure
    .input(sessionListInput)
    .use(inProject(sessionListInput, (i) => ({ projectIds: [i.projectId], taskIds: [i.taskId] })))
    .output(sessionListOutput)
    .query(({ ctx, input }) => sessions.listProjectSessions(ctx.db, input, visibleProject(ctx.auth, input.projectId))),
  get: protectedProcedure
    .input(sessionIdInput)
    .use(inProject(sessionIdInput, (i) => ({ sessionIds: [i.id] })))
    .output(session)
    .query(({ ctx, input }) => sessions.getSession(ctx.db, input.id)),
  stop: mutationProcedure
    .input(sessionStopInput)
    .use(inProject(sessionStopInput, (i) => ({ sessionIds: [i.id] })))
    .output(session)
    .mutation(({ ctx, input }) => ctx.run(sessions.stopSession, input)),
  /**
   * Keystrokes for the session's terminal; delivered to its runner, never
   * stored. The idempotency record's request hash leaves the keystrokes out
   * (it would be a digest of what was typed): a key names one send to one session.
   */
  sendInput: mutationProcedure
    .input(sessionInputInput)
    .use(inProject(sessionInputInput, (i) => ({ sessionIds: [i.id] })))
    .output(z.object({ delivered: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.run(sessions.sendInput, input, { recordedInput: { id: input.id, idempotencyKey: input.idempotencyKey } })),
  /**
   * What the session needs from a person: `needs_input` (with the question),
   * `working` or `idle`. From the agent (`maestro session needs-input`), its
   * tool's hooks or the runner's heuristic; see nextAttention for who wins.
   */
  attention: mutationProcedure
    .input(sessionAttentionInput)
    .use(inProject(sessionAttentionInput, (i) => ({ sessionIds: [i.id] })))
    .output(session)
    .mutation(({ ctx, input }) => ctx.run(sessions.reportAttention, input)),
  /** A person opened the session (dashboard, `session logs`, `attach`); an ended one leaves the inbox. */
  markSeen: mutationProcedure
    .input(sessionMarkSeenInput)
    .use(inProject(sessionMarkSeenInput, (i) => ({ sessionIds: [i.id] })))
    .output(session)
    .mutation(({ ctx, input }) => ctx.run(sessions.markSeen, input)),
  resize: mutationProcedure
    .input(sessionResizeInput)
    .use(inProject(sessionResizeInput, (i) => ({ sessionIds: [i.id] })))
    .output(session)
    .mutation(({ ctx, input }) => ctx.run(sessions.resizeSession, input)),
  /** Stored output from a sequence number (exclusive); for replay and `session logs`. */
  output: protectedProcedure
    .input(sessionOutputInput)
    .use(inProject(sessionOutputInput, (i) => ({ sessionIds: [i.id] })))
    .output(sessionOutputOutput)
    .query(({ ctx, input }) => sessions.readSessionOutput(ctx.db, input)),
  /** Output from `afterSeq`, then live; ends after the session ends. Tracked by chunk seq for resume. */
  onOutput: protectedProcedure
    .input(onOutputInput)
    .use(inProject(onOutputInput, (i) => ({ sessionIds: [i.id] })))
    .subscription(async ({ ctx, input, signal }) => {
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
