import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CHUNK_BYTES = 64 * 1024;
const FLUSH_MS = 15;
/** 16 × 64 KiB ≈ 1.4 MB of base64 per call, inside the server's 2 MB body limit. */
const BATCH_CHUNKS = 16;
/** Past this much unsent output in memory, further chunks wait on disk. */
const MEMORY_CAP_BYTES = 16 * 1024 * 1024;

type Pending = { seq: number; bytes: number; data?: Buffer; file?: string };

export interface OutputPipeOptions {
  /** Where chunks spill when the server is away long enough to fill memory. */
  spillDir: string;
  /**
   * Sends chunks in order; resolves once the server has stored them. Retried by the caller's policy;
   * a rejection means the output can never be delivered (the session is gone): the pipe then drops it all.
   */
  send(chunks: { seq: number; data: string }[]): Promise<void>;
}

/**
 * A session's terminal output on its way to the server: cut into numbered
 * chunks, sent in order in small batches, kept until acknowledged. While the
 * server is unreachable output accumulates (in memory, then on disk) and is
 * delivered in order when it returns; the server drops chunks it already has,
 * so a resend after a lost acknowledgement never duplicates.
 */
export class OutputPipe {
  private nextSeq = 0;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private queue: Pending[] = [];
  private memoryBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private idleWaiters: (() => void)[] = [];
  private dropped = false;

  constructor(private readonly opts: OutputPipeOptions) {}

  write(data: string | Buffer): void {
    if (this.dropped) return;
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.partial.push(buf);
    this.partialBytes += buf.length;
    if (this.partialBytes >= CHUNK_BYTES) this.cut(false);
    else this.timer ??= setTimeout(() => this.cut(true), FLUSH_MS);
  }

  /** Resolves when everything written so far has been acknowledged. */
  async drain(): Promise<void> {
    this.cut(true);
    if (this.queue.length === 0 && !this.sending) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  get unsentBytes(): number {
    return this.queue.reduce((n, p) => n + p.bytes, 0) + this.partialBytes;
  }

  /**
   * Moves buffered output into numbered chunks. A burst is cut into whole
   * 64 KiB chunks and the tail waits for more (or for the flush timer, so
   * no byte waits longer than FLUSH_MS once output pauses): fewer, fuller
   * batches cost the server far less per byte than many small ones.
   */
  private cut(all: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.partialBytes === 0) return;
    const buffered = Buffer.concat(this.partial);
    const upTo = all ? buffered.length : buffered.length - (buffered.length % CHUNK_BYTES);
    for (let offset = 0; offset < upTo; offset += CHUNK_BYTES) this.enqueue(buffered.subarray(offset, Math.min(upTo, offset + CHUNK_BYTES)));
    this.partial = upTo < buffered.length ? [buffered.subarray(upTo)] : [];
    this.partialBytes = buffered.length - upTo;
    if (this.partialBytes > 0) this.timer = setTimeout(() => this.cut(true), FLUSH_MS);
    this.pump();
  }

  private enqueue(data: Buffer): void {
    const seq = this.nextSeq++;
    if (this.memoryBytes + data.length <= MEMORY_CAP_BYTES) {
      this.queue.push({ seq, bytes: data.length, data: Buffer.from(data) });
      this.memoryBytes += data.length;
      return;
    }
    mkdirSync(this.opts.spillDir, { recursive: true });
    const file = join(this.opts.spillDir, `${seq}.bin`);
    writeFileSync(file, data);
    this.queue.push({ seq, bytes: data.length, file });
  }

  private pump(): void {
    if (this.sending) return;
    this.sending = this.sendAll()
      .catch(() => this.drop())
      .finally(() => {
        this.sending = null;
        if (this.queue.length > 0) this.pump();
        else for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
  }

  /** Nothing will take this output any more: free its memory and its spill files, and take no more. */
  private drop(): void {
    this.dropped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.partial = [];
    this.partialBytes = 0;
    this.queue = [];
    this.memoryBytes = 0;
    rmSync(this.opts.spillDir, { recursive: true, force: true });
  }

  /**
   * One batch at a time, by design: a subscriber reads everything after the
   * last seq it saw, so output must be stored strictly in order, and the
   * server refuses a batch that would leave a hole (OUTPUT_GAP). Two batches
   * in flight committed out of order in the burst benchmark, and were slower.
   */
  private async sendAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, BATCH_CHUNKS);
      const chunks = batch.map((p) => ({ seq: p.seq, data: (p.data ?? readFileSync(p.file!)).toString('base64') }));
      await this.opts.send(chunks);
      this.queue.splice(0, batch.length);
      for (const p of batch) {
        if (p.data) this.memoryBytes -= p.bytes;
        if (p.file) rmSync(p.file, { force: true });
      }
    }
  }
}
