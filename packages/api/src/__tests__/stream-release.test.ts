import { randomBytes } from 'node:crypto';
import { maxEventId } from '@maestro/db';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EventBus } from '../bus/types.js';
import { streamEvents } from '../services/events.js';
import { streamOutput } from '../services/sessions/output.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { newProject } from './helpers.js';

/**
 * What a subscriber holds in the server (its listener on the bus, and with it
 * its buffer) is let go when it ends, however it ends: its client stopped it
 * while it waited, it was dropped mid-stream (a slow client: tRPC returns the
 * generator), or its session ended. Issue #15 found memory that stayed after
 * slow clients closed; this pins the per-subscriber part of it.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The harness's bus, counting the listeners subscribed to it. */
function countingBus(bus: EventBus) {
  let listeners = 0;
  const counted: EventBus = {
    ...bus,
    subscribe(listener) {
      listeners++;
      const off = bus.subscribe(listener);
      let on = true;
      return () => {
        if (on) listeners--;
        on = false;
        off();
      };
    },
  };
  return { bus: counted, listeners: () => listeners };
}

test('event streams ended by an abort while waiting, or returned mid-stream, leave no listener behind', async () => {
  const { bus, listeners } = countingBus(h.bus);
  const { id: projectId } = await newProject(h);
  // From the head read now, not from "now" as each stream starts: on a loaded machine a stream's own
  // head read could land after the event below, and that stream would rightly wait for the next one.
  const lastEventId = await maxEventId(h.db);
  const streams = Array.from({ length: 20 }, () => {
    const abort = new AbortController();
    return { abort, it: streamEvents({ db: h.db, bus, filter: { projectId }, lastEventId, signal: abort.signal })[Symbol.asyncIterator]() };
  });
  // Each takes one event, then waits for the next.
  const firsts = streams.map((s) => s.it.next());
  expect(listeners()).toBe(20);
  await h.caller.task.create({ projectId, title: 'one' });
  expect((await Promise.all(firsts)).every((r) => !r.done)).toBe(true);
  // Half are stopped while waiting (the client unsubscribed, or its socket closed); half are returned where they stand (dropped).
  const pending = streams.slice(0, 10).map((s) => {
    const waiting = s.it.next();
    s.abort.abort();
    return waiting;
  });
  await Promise.all(streams.slice(10).map((s) => s.it.return(undefined)));
  expect((await Promise.all(pending)).every((r) => r.done)).toBe(true);
  expect(listeners()).toBe(0);
});

test('output streams let go when their session ends, when aborted, and when returned mid-stream', async () => {
  const { bus, listeners } = countingBus(h.bus);
  const f = await createFixture(h);
  const chunk = (seq: number) => ({ seq, data: randomBytes(100).toString('base64') });
  await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: [chunk(0)] });
  const open = () => {
    const abort = new AbortController();
    return { abort, it: streamOutput({ db: h.db, bus, feed: h.output, sessionId: f.sessionId, afterSeq: -1, signal: abort.signal })[Symbol.asyncIterator]() };
  };
  const [aborted, returned, ending] = [open(), open(), open()];
  for (const s of [aborted, returned, ending]) expect((await s.it.next()).value).toMatchObject({ seq: 0 });
  expect(listeners()).toBe(3);

  // Aborted while it reads the database (next() runs up to that read): it used to wait for ever after it.
  const waiting = aborted.it.next();
  aborted.abort.abort();
  expect((await waiting).done).toBe(true);
  await returned.it.return(undefined);
  expect(listeners()).toBe(1);

  const rest = ending.it.next();
  await h.caller.runner.exit({ runnerId: f.runnerId, sessionId: f.sessionId, exitCode: 0, signal: null, error: null });
  expect((await rest).done).toBe(true);
  expect(listeners()).toBe(0);
});
