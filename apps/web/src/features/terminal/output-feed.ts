import type { MaestroTRPCClient } from '@maestro/client';
import type { OutputChunk } from '@maestro/schemas';
import type { ConnectionStore } from '../connection/store';
import { concatBytes, decodeBase64 } from './bytes';
import type { OutputCache } from './output-cache';

/** Where the bytes go: an xterm, or anything that calls `done` once it has taken them in. */
export interface TerminalSink {
  write(data: Uint8Array, done: () => void): void;
  /** Clears the screen and scrollback (before replaying from the start). */
  reset(): void;
}

/** What a terminal's frame shows about its stream. */
export interface FeedInfo {
  /** Loading the first bytes (tail or cache). */
  loading: boolean;
  /** Output older than what the terminal holds exists on the server: "Load full output" replays it. */
  truncated: boolean;
  /** Whether the terminal has written everything received so far (nothing queued or being parsed). */
  caughtUp: boolean;
  /** A load or stream error, said where the terminal is. */
  error: unknown;
}

/** The newest bytes loaded first on a late join; older output comes on request. */
export const TAIL_BYTES = 2 * 1024 * 1024;
/** The most bytes handed to xterm in one write (see flush). */
const WRITE_SLICE = 64 * 1024;
/** Flow control: stop the stream when this much is queued or being parsed by xterm... */
const HIGH_WATER = 4 * 1024 * 1024;
/** ...and resume from the last seq once it is down to this. */
const LOW_WATER = 512 * 1024;

export interface OutputFeedOptions {
  client: MaestroTRPCClient;
  sessionId: string;
  sink: TerminalSink;
  connection: ConnectionStore;
  cache: OutputCache;
  onInfo: (info: FeedInfo) => void;
  /** Called with every byte count written and parsed (the benchmark and the test hook read it). */
  onWritten?: (bytes: number) => void;
}

/**
 * One terminal's output stream, exactly once and in order, tracked by chunk seq:
 * the cached tail or the stored tail first, then `session.onOutput` after the
 * last seq. Chunks are coalesced per animation frame into one write. When xterm
 * falls behind, the subscription is dropped and re-opened from the last seq once
 * it has caught up (the agent's PTY is never paused for a slow viewer, and the
 * server keeps no backlog for it). Dedup by seq makes a resumed or re-sent chunk harmless.
 */
export class OutputFeed {
  private lastSeq = -1;
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private inflightBytes = 0;
  private frame: number | null = null;
  private subscription: { unsubscribe(): void } | null = null;
  private paused = false;
  private disposed = false;
  private started = false;
  private info: FeedInfo = { loading: true, truncated: false, caughtUp: false, error: null };
  private readonly stopWatching: () => void;

  constructor(private readonly opts: OutputFeedOptions) {
    this.stopWatching = opts.connection.subscribe(() => this.onConnection());
  }

  /** Loads the cached or stored tail, then streams live. */
  async start(): Promise<void> {
    const { cache, sessionId } = this.opts;
    const cached = cache.get(sessionId);
    if (cached && cached.lastSeq >= 0) {
      this.lastSeq = cached.lastSeq;
      for (const chunk of cached.chunks) this.enqueue(chunk);
      this.started = true;
      this.update({ loading: false, truncated: cached.truncated, caughtUp: cached.chunks.length === 0 });
      this.subscribe();
      return;
    }
    try {
      const page = await this.opts.client.session.output.query({ id: sessionId, tail: true, maxBytes: TAIL_BYTES, limit: 10_000 });
      if (this.disposed) return;
      const first = page.chunks[0];
      const truncated = first !== undefined && page.firstSeq !== null && first.seq > page.firstSeq;
      cache.reset(sessionId, truncated);
      for (const chunk of page.chunks) this.accept(chunk);
      this.started = true;
      this.update({ loading: false, truncated, error: null, caughtUp: page.chunks.length === 0 });
      this.subscribe();
    } catch (error) {
      // Said in the terminal's frame; retried when the connection comes back.
      if (!this.disposed) this.update({ loading: false, error });
    }
  }

  /** Clears the terminal and replays the whole output from the first chunk (then live). */
  replayFromStart(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.queue = [];
    this.queuedBytes = 0;
    this.lastSeq = -1;
    this.paused = false;
    this.opts.sink.reset();
    this.opts.cache.reset(this.opts.sessionId, false);
    this.started = true;
    this.update({ truncated: false, caughtUp: false, error: null });
    this.subscribe();
  }

  dispose(): void {
    this.disposed = true;
    this.stopWatching();
    this.subscription?.unsubscribe();
    this.subscription = null;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
  }

  private onConnection(): void {
    if (this.disposed || this.opts.connection.get() !== 'connected') return;
    if (!this.started) void this.start();
    else if (!this.subscription && !this.paused) this.subscribe();
  }

  private subscribe(): void {
    if (this.disposed || this.subscription) return;
    this.subscription = this.opts.client.session.onOutput.subscribe(
      { id: this.opts.sessionId, afterSeq: this.lastSeq },
      {
        onData: ({ data }) => this.accept(data),
        // The stream ends after the session has ended and everything was sent, or when the client gave up
        // reconnecting; in the second case the connection watcher opens it again from the last seq.
        onComplete: () => (this.subscription = null),
        onError: (error) => {
          this.subscription = null;
          this.update({ error });
        },
      },
    );
  }

  private accept(chunk: OutputChunk): void {
    if (this.disposed || chunk.seq <= this.lastSeq) return;
    this.lastSeq = chunk.seq;
    const bytes = decodeBase64(chunk.data);
    this.opts.cache.append(this.opts.sessionId, chunk.seq, bytes);
    this.enqueue(bytes);
  }

  private enqueue(bytes: Uint8Array): void {
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
    if (this.info.caughtUp) this.update({ caughtUp: false });
    if (!this.paused && this.queuedBytes + this.inflightBytes > HIGH_WATER) this.pause();
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = null;
    if (this.disposed || this.queue.length === 0) return;
    const data = concatBytes(this.queue, this.queuedBytes);
    this.queue = [];
    this.queuedBytes = 0;
    this.inflightBytes += data.length;
    // xterm parses each write whole before it looks at the clock (its ~12 ms budget is checked between writes):
    // one 4 MB write is one long task, slices of WRITE_SLICE let it yield to input and paint in between.
    for (let at = 0; at < data.length; at += WRITE_SLICE) {
      const slice = data.subarray(at, Math.min(at + WRITE_SLICE, data.length));
      this.opts.sink.write(slice, () => this.written(slice.length));
    }
  }

  private written(bytes: number): void {
    if (this.disposed) return;
    this.inflightBytes -= bytes;
    this.opts.onWritten?.(bytes);
    if (this.paused && this.inflightBytes + this.queuedBytes <= LOW_WATER) this.resume();
    if (this.inflightBytes === 0 && this.queuedBytes === 0) this.update({ caughtUp: true });
  }

  private pause(): void {
    this.paused = true;
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  private resume(): void {
    this.paused = false;
    if (this.opts.connection.get() === 'connected') this.subscribe();
  }

  private update(patch: Partial<FeedInfo>): void {
    this.info = { ...this.info, ...patch };
    this.opts.onInfo(this.info);
  }
}
