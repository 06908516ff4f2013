import { randomBytes } from 'node:crypto';
import { REQUEST_LIMITS, type OutputChunk } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { expectCode } from './helpers.js';

/**
 * `session.output` pages forwards (`afterSeq`) or backwards (`beforeSeq`,
 * `tail`), bounded by `limit` and `maxBytes`, and says what is stored so far:
 * a terminal loads its tail first and scrolls back to the start.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Ten chunks of 100 bytes each (seq 0..9), stored in batches as a runner sends them. */
async function sessionWithOutput() {
  const f = await createFixture(h);
  const chunks: OutputChunk[] = Array.from({ length: 10 }, (_, seq) => ({ seq, data: randomBytes(100).toString('base64') }));
  for (let i = 0; i < 10; i += 4) await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: chunks.slice(i, i + 4) });
  return { id: f.sessionId, chunks };
}

const seqs = (page: { chunks: OutputChunk[] }) => page.chunks.map((c) => c.seq);

describe('session.output pages', () => {
  test('every page says what is stored so far: first and last seq, total bytes', async () => {
    const { id, chunks } = await sessionWithOutput();
    const all = await h.caller.session.output({ id });
    expect(all).toEqual({ chunks, ended: false, firstSeq: 0, lastSeq: 9, totalBytes: 1000 });
    expect(await h.caller.session.output({ id, afterSeq: 9 })).toEqual({ chunks: [], ended: false, firstSeq: 0, lastSeq: 9, totalBytes: 1000 });
  });

  test('a session with no output yet has no range', async () => {
    const f = await createFixture(h);
    expect(await h.caller.session.output({ id: f.sessionId, tail: true })).toEqual({ chunks: [], ended: false, firstSeq: null, lastSeq: null, totalBytes: 0 });
  });

  test('tail gives the newest chunks in ascending order; beforeSeq scrolls back to the start', async () => {
    const { id, chunks } = await sessionWithOutput();
    const tail = await h.caller.session.output({ id, tail: true, limit: 3 });
    expect(seqs(tail)).toEqual([7, 8, 9]);
    expect(tail.chunks).toEqual(chunks.slice(7));

    const pages = [tail.chunks];
    for (let first = tail.chunks[0]!.seq; first > tail.firstSeq!;) {
      const page = await h.caller.session.output({ id, beforeSeq: first, limit: 3 });
      pages.unshift(page.chunks);
      first = page.chunks[0]!.seq;
    }
    expect(pages.map((p) => p.map((c) => c.seq))).toEqual([[0], [1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(pages.flat()).toEqual(chunks);
    expect(seqs(await h.caller.session.output({ id, beforeSeq: 0 }))).toEqual([]);
  });

  test('afterSeq and beforeSeq together bound a range, newest first within the limit', async () => {
    const { id } = await sessionWithOutput();
    expect(seqs(await h.caller.session.output({ id, afterSeq: 2, beforeSeq: 6 }))).toEqual([3, 4, 5]);
    expect(seqs(await h.caller.session.output({ id, afterSeq: 2, beforeSeq: 6, limit: 2 }))).toEqual([4, 5]);
    expect(seqs(await h.caller.session.output({ id, afterSeq: 2, limit: 2 }))).toEqual([3, 4]);
  });

  test('maxBytes cuts a page in either direction, but a page always holds one chunk', async () => {
    const { id } = await sessionWithOutput();
    expect(seqs(await h.caller.session.output({ id, maxBytes: 250 }))).toEqual([0, 1]);
    expect(seqs(await h.caller.session.output({ id, maxBytes: 300 }))).toEqual([0, 1, 2]);
    expect(seqs(await h.caller.session.output({ id, tail: true, maxBytes: 250 }))).toEqual([8, 9]);
    expect(seqs(await h.caller.session.output({ id, beforeSeq: 5, maxBytes: 1 }))).toEqual([4]);
    expect(seqs(await h.caller.session.output({ id, afterSeq: 3, maxBytes: 1, limit: 1 }))).toEqual([4]);
    expect(seqs(await h.caller.session.output({ id, tail: true, maxBytes: 250, limit: 1 }))).toEqual([9]);
  });

  test('a page is bounded by bytes even when the caller asks for none: REQUEST_LIMITS.outputPageBytes, and no more may be asked', async () => {
    const f = await createFixture(h);
    // 100 chunks of 64 KiB (6.4 MiB): over the page limit, well under the count limit.
    const chunks: OutputChunk[] = Array.from({ length: 100 }, (_, seq) => ({ seq, data: randomBytes(64 * 1024).toString('base64') }));
    for (let i = 0; i < chunks.length; i += 10) await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: chunks.slice(i, i + 10) });
    const decoded = (page: { chunks: OutputChunk[] }) => page.chunks.reduce((n, c) => n + Buffer.from(c.data, 'base64').length, 0);

    const first = await h.caller.session.output({ id: f.sessionId, limit: 10_000 });
    expect(decoded(first)).toBeLessThanOrEqual(REQUEST_LIMITS.outputPageBytes);
    expect(seqs(first)).toEqual(Array.from({ length: REQUEST_LIMITS.outputPageBytes / (64 * 1024) }, (_, i) => i));
    expect(first.lastSeq).toBe(99);
    // The rest follows page by page, nothing lost.
    const rest = await h.caller.session.output({ id: f.sessionId, afterSeq: first.chunks.at(-1)!.seq, limit: 10_000 });
    expect([...first.chunks, ...rest.chunks]).toEqual(chunks);
    expect(decoded(await h.caller.session.output({ id: f.sessionId, tail: true, limit: 10_000 }))).toBeLessThanOrEqual(REQUEST_LIMITS.outputPageBytes);

    await expectCode(h.caller.session.output({ id: f.sessionId, maxBytes: REQUEST_LIMITS.outputPageBytes + 1 }), 'VALIDATION');
  });

  test('tail and beforeSeq together are VALIDATION', async () => {
    const { id } = await sessionWithOutput();
    const { body } = await expectCode(h.caller.session.output({ id, tail: true, beforeSeq: 3 }), 'VALIDATION');
    expect(body.message).toContain('tail');
  });
});
