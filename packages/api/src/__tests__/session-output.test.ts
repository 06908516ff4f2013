import { randomBytes } from 'node:crypto';
import type { OutputChunk } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOutputFeed } from '../bus/output-feed.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { expectCode } from './helpers.js';

/**
 * `session.onOutput` delivers every chunk once, in order, whether it comes
 * from this process's output feed (live) or from the database (catching up,
 * or a feed too small to hold it), and ends once the session has ended.
 */

const batch = (from: number, n: number): OutputChunk[] =>
  Array.from({ length: n }, (_, i) => ({ seq: from + i, data: randomBytes(700 + i).toString('base64') }));

async function started(h: Harness) {
  const f = await createFixture(h);
  await h.caller.runner.started({ runnerId: f.runnerId, sessionId: f.sessionId, pid: 1, workingDir: '/tmp', branch: null });
  return f;
}

/**
 * Collects a subscription's chunks until it ends (createCaller yields tracked
 * tuples: [id, data]); `received(n)` resolves once n chunks have arrived.
 */
function subscribe(h: Harness, input: { id: string; afterSeq?: number }) {
  const chunks: OutputChunk[] = [];
  const ids: string[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const done = (async () => {
    for await (const item of await h.caller.session.onOutput(input)) {
      const [id, data] = item as unknown as [string, OutputChunk];
      ids.push(id);
      chunks.push(data);
      for (const w of waiters.filter((w) => chunks.length >= w.n)) w.resolve();
    }
    return { chunks, ids };
  })();
  const received = (n: number) => (chunks.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })));
  return { done, received };
}

const collect = (h: Harness, input: { id: string; afterSeq?: number }) => subscribe(h, input).done;

function scenarios(name: string, makeFeed: () => ReturnType<typeof createOutputFeed>) {
  describe(name, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness({ output: makeFeed() });
    });
    afterAll(async () => {
      await h?.close();
    });

    test('a subscriber from the start gets every chunk once, in order, while batches are appended', async () => {
      const f = await started(h);
      const sent = [...batch(0, 5), ...batch(5, 16), ...batch(21, 3)];
      const stream = subscribe(h, { id: f.sessionId });
      for (const b of [sent.slice(0, 5), sent.slice(5, 21), sent.slice(21)]) {
        await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: b });
        // A resent batch (lost acknowledgement) must not reach the subscriber twice.
        await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: b });
        // Live: each batch arrives while the session is still running (the test times out otherwise).
        await stream.received(b.at(-1)!.seq + 1);
      }
      await h.caller.runner.exit({ runnerId: f.runnerId, sessionId: f.sessionId, exitCode: 0, signal: null, error: null });
      const { chunks, ids } = await stream.done;
      expect(chunks).toEqual(sent);
      expect(ids).toEqual(sent.map((c) => String(c.seq)));
    });

    test('a subscriber joining late gets what was stored after its position, then the live rest', async () => {
      const f = await started(h);
      const sent = batch(0, 12);
      await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: sent.slice(0, 8) });
      const stream = collect(h, { id: f.sessionId, afterSeq: 4 });
      await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: sent.slice(8) });
      await h.caller.runner.exit({ runnerId: f.runnerId, sessionId: f.sessionId, exitCode: 0, signal: null, error: null });
      expect((await stream).chunks).toEqual(sent.slice(5));
    });

    test('replaying an ended session returns everything it wrote and ends', async () => {
      const f = await started(h);
      const sent = batch(0, 20);
      await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: sent.slice(0, 16) });
      await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: sent.slice(16) });
      await h.caller.runner.exit({ runnerId: f.runnerId, sessionId: f.sessionId, exitCode: 0, signal: null, error: null });
      expect((await collect(h, { id: f.sessionId })).chunks).toEqual(sent);
    });
  });
}

describe('runner.output keeps stored output without holes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('a batch that would leave a gap is refused (OUTPUT_GAP) and stores nothing; the same batch is accepted once the gap is filled', async () => {
    const f = await started(h);
    const sent = batch(0, 8);
    await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: sent.slice(0, 3) });
    const ahead = h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: sent.slice(4) });
    await expectCode(ahead, 'OUTPUT_GAP');
    expect((await h.caller.session.output({ id: f.sessionId, limit: 100 })).chunks).toEqual(sent.slice(0, 3));
    // Overlapping what is stored is fine (a resend after a lost acknowledgement): only the new chunks are added.
    expect(await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: sent.slice(1, 4) })).toEqual({ stored: 1, lastSeq: 3 });
    await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: sent.slice(4) });
    expect((await h.caller.session.output({ id: f.sessionId, limit: 100 })).chunks).toEqual(sent);
  });

  test('the first batch of a session starts at chunk 0', async () => {
    const f = await started(h);
    await expectCode(h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: batch(1, 2) }), 'OUTPUT_GAP');
  });
});

scenarios('with an output feed (live chunks from memory)', () => createOutputFeed());
// Holds no more than a few hundred characters: nearly every chunk is evicted before a reader asks for it.
scenarios('with a feed too small to hold a batch (the database fills in)', () => createOutputFeed({ maxChars: 2_000 }));
