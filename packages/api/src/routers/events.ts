import { eventHeadInput, eventHeadOutput, eventListInput, eventListOutput, onEventInput } from '@maestro/schemas';
import { tracked } from '@trpc/server';
import { listTimeline, logHead, parseLastEventId, streamEvents } from '../services/events.js';
import { protectedProcedure, router } from '../trpc.js';
import { inProject, narrowedToProject, ownProject } from '../scope.js';

export const eventsRouter = router({
  /** Where the log ends now; subscribe with it as lastEventId to start from here without a gap. */
  head: protectedProcedure
    .input(eventHeadInput)
    .use(narrowedToProject(eventHeadInput, (i) => ({ projectIds: [i.projectId] })))
    .output(eventHeadOutput)
    // A session token sees only its project: its head is that project's (it never learns how busy others are).
    .query(({ ctx, input }) => logHead(ctx.db, { projectId: input.projectId ?? ownProject(ctx.auth) })),
  list: protectedProcedure
    .input(eventListInput)
    .use(inProject(eventListInput, (i) => ({ projectIds: [i.projectId], taskIds: [i.taskId], sessionIds: [i.sessionId] })))
    .output(eventListOutput)
    .query(({ ctx, input }) => {
      const { afterId, limit, ...filter } = input;
      return listTimeline(ctx.db, { filter, afterId, limit });
    }),
  /** Yields `tracked(eventId, event)`; the WebSocket link resumes from the last id on reconnect. */
  onEvent: protectedProcedure
    .input(onEventInput)
    .use(inProject(onEventInput, (i) => ({ projectIds: [i.projectId], taskIds: [i.taskId], sessionIds: [i.sessionId] })))
    .subscription(({ ctx, input, signal }) => {
      const { lastEventId, ...filter } = input;
      // Parsed before the stream starts, so a bad id fails the call as VALIDATION instead of breaking the stream.
      const stream = streamEvents({
        db: ctx.db,
        bus: ctx.bus,
        filter,
        lastEventId: parseLastEventId(lastEventId),
        signal: signal ?? new AbortController().signal,
      });
      return (async function* () {
        for await (const event of stream) {
          ctx.hooks.onEventsDelivered?.(1);
          yield tracked(String(event.id), event);
        }
      })();
    }),
});
