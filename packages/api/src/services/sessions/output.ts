import { findSession, insertOutput, lastOutputSeq, outputRange, readOutput, readOutputPage, type Queryable } from '@maestro/db';
import { isEndedSessionStatus, type OutputChunk, type runnerOutputInput } from '@maestro/schemas';
import type { OutputFeed } from '../../bus/output-feed.js';
import type { EventBus } from '../../bus/types.js';
import { MaestroError } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { subscribeThenRead } from '../../live-stream.js';
import { assertRunner, requireSession } from './shared.js';
import type { z } from 'zod';

const PAGE = 500;

/**
 * Stores a batch of terminal output; chunks already stored (a retry) are
 * skipped, not duplicated. A batch must continue the stored output without a
 * hole: readers take everything after the last seq they saw, so a later batch
 * stored before an earlier one would make them skip it. Once committed, the
 * new chunks go to the output feed for this process's live subscribers.
 */
export async function appendOutput(scope: MutationScope, input: z.output<typeof runnerOutputInput>) {
  const session = await requireSession(scope.tx, input.sessionId);
  assertRunner(session, input.runnerId);
  const storedUpTo = await lastOutputSeq(scope.tx, { sessionId: session.id });
  const first = input.chunks[0]!.seq;
  if (first > storedUpTo + 1) {
    throw new MaestroError('OUTPUT_GAP', `Output chunk ${first} of session ${session.id} would leave a gap: chunks are stored up to ${storedUpTo}`, {
      hint: `Send chunk ${storedUpTo + 1} first: output is stored strictly in order, one batch at a time.`,
      details: { storedUpTo },
    });
  }
  const stored = await insertOutput(scope.tx, { sessionId: session.id, chunks: input.chunks });
  const last = stored.at(-1);
  if (last) {
    const isNew = new Set(stored.map((c) => c.seq));
    const fresh = input.chunks.filter((c) => isNew.has(c.seq));
    scope.onCommit(() => scope.output.add(session.id, fresh));
    const bytes = stored.reduce((n, c) => n + c.bytes, 0);
    scope.emit({
      type: 'session:output',
      projectId: session.projectId,
      taskId: null,
      sessionId: session.id,
      payload: { sessionId: session.id, seq: last.seq, bytes },
    });
  }
  return { stored: stored.length, lastSeq: input.chunks.at(-1)!.seq };
}

const toChunk = (row: { seq: number; data: string }): OutputChunk => ({ seq: row.seq, data: row.data });

/**
 * A page of stored output: forwards from `afterSeq`, or backwards (the newest
 * of the range) with `beforeSeq` or `tail`, always in ascending order; with
 * what is stored so far, read after the page so it is never behind it.
 */
export async function readSessionOutput(
  db: Queryable,
  input: { id: string; afterSeq?: number | undefined; beforeSeq?: number | undefined; tail?: boolean | undefined; limit: number; maxBytes: number },
) {
  const session = await requireSession(db, input.id);
  const rows = await readOutputPage(db, {
    sessionId: input.id,
    afterSeq: input.afterSeq ?? -1,
    beforeSeq: input.beforeSeq,
    newest: input.tail === true || input.beforeSeq !== undefined,
    limit: input.limit,
    maxBytes: input.maxBytes,
  });
  const range = await outputRange(db, { sessionId: input.id });
  return { chunks: rows.map(toChunk), ended: isEndedSessionStatus(session.status), ...range };
}

/**
 * A session's output from `afterSeq`, then live until the session has ended
 * and everything it wrote has been sent. Woken by the session's own events;
 * chunks this process has just stored come from `feed`, the rest (catching
 * up, output stored by another server process) from the database.
 */
export function streamOutput(opts: {
  db: Queryable;
  bus: EventBus;
  feed: OutputFeed;
  sessionId: string;
  afterSeq: number;
  signal: AbortSignal;
}): AsyncGenerator<OutputChunk> {
  const { db, bus, feed, sessionId } = opts;
  // Whether it has ended comes from one read at the start, then from the session's own events (not a query per batch).
  let endedAtStart: boolean | null = null;
  let endedSince = false;
  // The highest seq the session's events say is stored: reached from memory, no database read is needed.
  let announced = -1;
  let last = opts.afterSeq;
  let caughtUp = false;
  return subscribeThenRead({
    signal: opts.signal,
    subscribe: (notify) =>
      bus.subscribe((event) => {
        if (event.sessionId !== sessionId) return;
        if (event.type === 'session:updated' && isEndedSessionStatus(event.payload.session.status)) endedSince = true;
        if (event.type === 'session:output') announced = Math.max(announced, event.payload.seq);
        notify();
      }),
    async *read() {
      endedAtStart ??= isEndedSessionStatus((await findSession(db, { id: sessionId }))?.status ?? 'completed');
      const endedBeforeRead = endedAtStart || endedSince;
      for (let live = feed.after(sessionId, last); live.length > 0; live = feed.after(sessionId, last)) {
        for (const chunk of live) {
          last = chunk.seq;
          yield chunk;
        }
      }
      if (!caughtUp || endedBeforeRead || last < announced) {
        for (;;) {
          const rows = await readOutput(db, { sessionId, afterSeq: last, limit: PAGE });
          for (const row of rows) {
            last = row.seq;
            yield toChunk(row);
          }
          if (rows.length < PAGE) break;
        }
        caughtUp = true;
      }
      return endedBeforeRead;
    },
  });
}
