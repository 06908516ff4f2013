import type { OutputChunk } from '@maestro/schemas';

/**
 * Terminal output this process has just stored, kept in memory so a live
 * `session.onOutput` subscriber gets each chunk as its batch commits instead
 * of reading it back from the database. Only committed chunks enter (see
 * `MutationScope.onCommit`), and a reader takes them only where they continue
 * exactly from its position, so it never skips one. The database stays the
 * source of truth: late joiners, other server processes and anything evicted
 * here are read from it.
 */
export interface OutputFeed {
  /** Chunks of one session whose transaction has committed, in seq order. */
  add(sessionId: string, chunks: readonly OutputChunk[]): void;
  /** The chunks that follow `afterSeq` without a gap; empty when the next one is not held here. */
  after(sessionId: string, afterSeq: number): OutputChunk[];
  /** Characters of output held (base64), for tests and metrics. */
  readonly heldChars: number;
}

/** Past this many base64 characters in all (about three full batches), the oldest chunks are dropped first. */
const DEFAULT_MAX_CHARS = 4 * 1024 * 1024;

export function createOutputFeed(opts: { maxChars?: number } = {}): OutputFeed {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  /** Per session, a contiguous run of seqs: chunks[i].seq === chunks[0].seq + i. */
  const runs = new Map<string, OutputChunk[]>();
  /** Insertion order across sessions, for eviction. */
  const order: { sessionId: string; chunk: OutputChunk }[] = [];
  let held = 0;

  const evict = () => {
    while (held > maxChars && order.length > 0) {
      const { sessionId, chunk } = order.shift()!;
      held -= chunk.data.length;
      const run = runs.get(sessionId);
      // A run restarted after a gap no longer holds this chunk at its front.
      if (run?.[0] === chunk) run.shift();
      if (run?.length === 0) runs.delete(sessionId);
    }
  };

  return {
    add(sessionId, chunks) {
      for (const chunk of chunks) {
        let run = runs.get(sessionId);
        const next = run && run.length > 0 ? run[0]!.seq + run.length : undefined;
        if (next !== undefined && chunk.seq < next) continue;
        if (next !== chunk.seq) {
          // Not a continuation (first chunk, or a gap): start a new run from here.
          run = [];
          runs.set(sessionId, run);
        }
        run!.push(chunk);
        order.push({ sessionId, chunk });
        held += chunk.data.length;
      }
      evict();
    },
    after(sessionId, afterSeq) {
      const run = runs.get(sessionId);
      if (!run || run.length === 0) return [];
      const index = afterSeq + 1 - run[0]!.seq;
      return index >= 0 && index < run.length ? run.slice(index) : [];
    },
    get heldChars() {
      return held;
    },
  };
}

/** A feed that holds nothing: every read goes to the database. */
export const NO_OUTPUT_FEED: OutputFeed = { add: () => {}, after: () => [], heldChars: 0 };
