import { getEventListeners } from 'node:events';
import { maxEventId } from '@maestro/db';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createMemoryCommandBus } from '../bus/commands.js';
import { streamEvents } from '../services/events.js';
import { streamOutput } from '../services/sessions/output.js';
import { streamCommands } from '../services/sessions/runner-streams.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { newProject } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/**
 * A subscription lives as long as its client: each wait for the next item
 * must not leave a listener on the request's abort signal, or a watcher (or a
 * runner's spawn feed) collects one per change until Node warns
 * MaxListenersExceededWarning and every wake-up walks the pile (issue 15.1).
 * Each stream below goes back to waiting between items, 1,000 times.
 */
const ITEMS = 1000;
/** 1,000 round trips each: ~10 s quiet on PGlite; a hang guard, not a speed check. */
const TIMEOUT_MS = 240_000;
const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

/** Reads `stream` one item at a time; `arrived(n)` resolves once n items have come. */
function reader<T>(stream: AsyncIterable<T>) {
  let count = 0;
  const waiting = new Map<number, () => void>();
  const done = (async () => {
    for await (const _ of stream) {
      count++;
      waiting.get(count)?.();
      if (count === ITEMS) return;
    }
  })();
  const arrived = (n: number) => (count >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(n, resolve)));
  return { arrived, done };
}

test(
  'an event stream keeps at most one abort listener over 1,000 waits',
  async () => {
    const { id: projectId } = await newProject(h);
    const abort = new AbortController();
    // From the head now: a stream started "from now" reads its own head, which on a loaded machine can land after the first event.
    const lastEventId = await maxEventId(h.db);
    const { arrived, done } = reader(streamEvents({ db: h.db, bus: h.bus, filter: { projectId }, lastEventId, signal: abort.signal }));
    const counts: number[] = [];
    const task = await h.caller.task.create({ projectId, title: 'talked about' });
    await arrived(1);
    for (let i = 2; i <= ITEMS; i++) {
      await h.caller.task.comment({ id: task.id, body: `comment ${i}` });
      await arrived(i);
      counts.push(abortListeners(abort.signal));
    }
    await done;
    expect(Math.max(...counts)).toBeLessThanOrEqual(1);
    abort.abort();
  },
  TIMEOUT_MS,
);

test(
  'an output stream keeps at most one abort listener over 1,000 waits',
  async () => {
    const f = await createFixture(h);
    const abort = new AbortController();
    const { arrived, done } = reader(streamOutput({ db: h.db, bus: h.bus, feed: h.output, sessionId: f.sessionId, afterSeq: -1, signal: abort.signal }));
    const counts: number[] = [];
    for (let seq = 0; seq < ITEMS; seq++) {
      await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: [{ seq, data: Buffer.from(`line ${seq}\n`).toString('base64') }] });
      await arrived(seq + 1);
      counts.push(abortListeners(abort.signal));
    }
    await done;
    expect(Math.max(...counts)).toBeLessThanOrEqual(1);
    abort.abort();
  },
  TIMEOUT_MS,
);

test("a runner's command stream waits with one abort listener, 1,000 times, and ends on abort leaving none", async () => {
  const commands = createMemoryCommandBus();
  const abort = new AbortController();
  const stream = streamCommands({ commands, runnerId: 'run_0000000000', signal: abort.signal });
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  const counts: number[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const next = stream.next();
    // Waiting now: the publish wakes it.
    await settled();
    counts.push(abortListeners(abort.signal));
    await commands.publish('run_0000000000', { kind: 'input', sessionId: 'ses_0000000000', data: String(i) });
    expect((await next).value).toEqual({ kind: 'input', sessionId: 'ses_0000000000', data: String(i) });
  }
  expect(Math.min(...counts)).toBe(1);
  expect(Math.max(...counts)).toBe(1);
  const waiting = stream.next();
  await settled();
  abort.abort();
  expect((await waiting).done).toBe(true);
  expect(abortListeners(abort.signal)).toBe(0);
});
