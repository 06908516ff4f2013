import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { OutputPipe } from './output-pipe.js';

const scratch = mkdtempSync(join(tmpdir(), 'maestro-pipe-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const KiB = 1024;

/** A pipe whose server side records every call; `pieces` are written in order as the PTY would. */
function pipeWith() {
  const calls: { seq: number; bytes: number; data: Buffer }[][] = [];
  const pipe = new OutputPipe({
    spillDir: join(scratch, `spill-${Math.random()}`),
    send: async (chunks) => {
      calls.push(chunks.map((c) => ({ seq: c.seq, bytes: Buffer.from(c.data, 'base64').length, data: Buffer.from(c.data, 'base64') })));
    },
  });
  return { pipe, calls, chunks: () => calls.flat() };
}

describe('OutputPipe', () => {
  test('a burst is cut into whole 64 KiB chunks; the tail follows once output pauses', async () => {
    const { pipe, chunks } = pipeWith();
    const written: Buffer[] = [];
    // 40 KiB pieces, as a PTY delivers them: a chunk per piece would be 40 + 24 + 40 + … KiB.
    for (let i = 0; i < 5; i++) {
      const piece = Buffer.alloc(40 * KiB, i + 1);
      written.push(piece);
      pipe.write(piece);
    }
    await pipe.drain();
    expect(chunks().map((c) => c.bytes)).toEqual([64 * KiB, 64 * KiB, 64 * KiB, 8 * KiB]);
    expect(chunks().map((c) => c.seq)).toEqual([0, 1, 2, 3]);
    expect(Buffer.concat(chunks().map((c) => c.data)).equals(Buffer.concat(written))).toBe(true);
  });

  test('a small write is sent without waiting for more (the flush timer), not held back for a full chunk', async () => {
    const { pipe, calls } = pipeWith();
    pipe.write('$ ls\r\n');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (calls.length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    expect(calls.flat().map((c) => c.data.toString())).toEqual(['$ ls\r\n']);
    expect(pipe.unsentBytes).toBe(0);
  });

  test('the tail left after a whole chunk is flushed too, with nothing lost or reordered', async () => {
    const { pipe, calls, chunks } = pipeWith();
    pipe.write(Buffer.alloc(70 * KiB, 7));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (calls.flat().length === 2) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    expect(chunks().map((c) => c.bytes)).toEqual([64 * KiB, 6 * KiB]);
    expect(pipe.unsentBytes).toBe(0);
  });

  test('a send that fails for good drops the queue and the spill files, and takes no more output', async () => {
    const spillDir = join(scratch, 'spill-gone');
    let refuse!: (error: Error) => void;
    const sent: number[] = [];
    const pipe = new OutputPipe({
      spillDir,
      send: (chunks) => {
        sent.push(...chunks.map((c) => c.seq));
        // The server is slow, then answers that the session is gone.
        return new Promise((_, reject) => (refuse = reject));
      },
    });
    // Past the 16 MiB memory cap while the first batch hangs: the rest waits on disk.
    for (let i = 0; i < 20 * 16; i++) pipe.write(Buffer.alloc(64 * KiB, i % 256));
    const drained = pipe.drain();
    expect(readdirSync(spillDir).length).toBeGreaterThan(0);
    expect(pipe.unsentBytes).toBe(20 * 1024 * KiB);
    refuse(new Error('NOT_FOUND'));
    await drained;
    expect(existsSync(spillDir)).toBe(false);
    expect(pipe.unsentBytes).toBe(0);
    pipe.write('after the end');
    await pipe.drain();
    expect(pipe.unsentBytes).toBe(0);
    // Only the batch in flight (the first chunk, sent as soon as it was cut) was ever offered.
    expect(sent).toEqual([0]);
  });
});
