import { findSession, insertOutput, readOutput, type Queryable } from '@maestro/db';
import { ENDED_SESSION_STATUSES, type OutputChunk } from '@maestro/schemas';
import type { EventBus } from '../../bus/types.js';
import type { MutationScope } from '../../mutate.js';
import { assertRunner, requireSession } from './shared.js';

const PAGE = 500;

/** Stores a batch of terminal output; chunks already stored (a retry) are skipped, not duplicated. */
export async function appendOutput(scope: MutationScope, input: { runnerId: string; sessionId: string; chunks: OutputChunk[] }) {
  const session = await requireSession(scope.tx, input.sessionId);
  assertRunner(session, input.runnerId);
  const stored = await insertOutput(scope.tx, session.id, input.chunks);
  const last = stored.at(-1);
  if (last) {
    const bytes = stored.reduce((n, c) => n + c.bytes, 0);
    scope.emit({ type: 'session:output', projectId: session.projectId, taskId: null, sessionId: session.id, payload: { sessionId: session.id, seq: last.seq, bytes } });
  }
  return { stored: stored.length, lastSeq: input.chunks.at(-1)!.seq };
}

const toChunk = (row: { seq: number; data: string }): OutputChunk => ({ seq: row.seq, data: row.data });

export async function readSessionOutput(db: Queryable, input: { id: string; afterSeq?: number | undefined; limit: number }) {
  const session = await requireSession(db, input.id);
  const rows = await readOutput(db, { sessionId: input.id, afterSeq: input.afterSeq ?? -1, limit: input.limit });
  return { chunks: rows.map(toChunk), ended: (ENDED_SESSION_STATUSES as readonly string[]).includes(session.status) };
}

/**
 * A session's output from `afterSeq`, then live until the session has ended
 * and everything it wrote has been sent. Woken by the session's own events.
 */
export async function* streamOutput(opts: { db: Queryable; bus: EventBus; sessionId: string; afterSeq: number; signal: AbortSignal }): AsyncGenerator<OutputChunk> {
  const { db, bus, sessionId, signal } = opts;
  const isEnded = (status: string) => (ENDED_SESSION_STATUSES as readonly string[]).includes(status);
  let wake: (() => void) | null = null;
  let dirty = true;
  // Whether it has ended comes from the session's own events after one read, not a query per batch.
  let ended = false;
  const unsubscribe = bus.subscribe((event) => {
    if (event.sessionId !== sessionId) return;
    if (event.type === 'session:updated' && isEnded(event.payload.session.status)) ended = true;
    dirty = true;
    wake?.();
  });
  try {
    ended = isEnded((await findSession(db, sessionId))?.status ?? 'completed');
    let last = opts.afterSeq;
    while (!signal.aborted) {
      dirty = false;
      const endedBeforeRead = ended;
      for (;;) {
        const rows = await readOutput(db, { sessionId, afterSeq: last, limit: PAGE });
        for (const row of rows) {
          last = row.seq;
          yield toChunk(row);
        }
        if (rows.length < PAGE) break;
      }
      if (endedBeforeRead) return;
      if (!dirty) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        wake = null;
      }
    }
  } finally {
    unsubscribe();
  }
}
