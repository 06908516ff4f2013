/** The newest output of one session as the browser last had it: re-joining starts after `lastSeq`. */
export interface CachedOutput {
  chunks: Uint8Array[];
  bytes: number;
  /** Seq of the oldest chunk kept (older ones were dropped to stay within the bound). */
  firstSeq: number;
  lastSeq: number;
  /** Whether chunks before `firstSeq` exist that the cache (and the terminal it fed) never had or dropped. */
  truncated: boolean;
}

/**
 * The tail of each recently shown session's output, so a terminal that was
 * disposed (hidden tab, grid cell scrolled away) is re-created from memory and
 * re-joins the stream from its last chunk instead of loading everything again.
 * Bounded twice: bytes per session and the number of sessions (least recently
 * used dropped first).
 */
export class OutputCache {
  private readonly entries = new Map<string, CachedOutput>();

  constructor(
    private readonly maxSessions = 24,
    private readonly maxBytesPerSession = 1024 * 1024,
  ) {}

  get(sessionId: string): CachedOutput | undefined {
    const entry = this.entries.get(sessionId);
    if (entry) {
      this.entries.delete(sessionId);
      this.entries.set(sessionId, entry);
    }
    return entry;
  }

  /** Starts a session's entry over (a terminal that loaded a fresh tail or replays from the start). */
  reset(sessionId: string, truncated: boolean): void {
    this.entries.delete(sessionId);
    this.entries.set(sessionId, { chunks: [], bytes: 0, firstSeq: -1, lastSeq: -1, truncated });
    this.evict();
  }

  append(sessionId: string, seq: number, bytes: Uint8Array): void {
    const entry = this.entries.get(sessionId);
    if (!entry || seq <= entry.lastSeq) return;
    if (entry.chunks.length === 0) entry.firstSeq = seq;
    entry.chunks.push(bytes);
    entry.bytes += bytes.length;
    entry.lastSeq = seq;
    while (entry.bytes > this.maxBytesPerSession && entry.chunks.length > 1) {
      entry.bytes -= entry.chunks.shift()!.length;
      entry.firstSeq += 1;
      entry.truncated = true;
    }
  }

  delete(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  private evict(): void {
    while (this.entries.size > this.maxSessions) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}
