import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { streamEvents } from '../services/events.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { newProject } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/**
 * A subscription lives as long as its client: each wait for the next event
 * must not leave a listener on the request's abort signal, or a watcher (or a
 * runner's spawn feed) collects one per change until Node warns
 * MaxListenersExceededWarning.
 */
test('a long event stream keeps one abort listener, however many events it waits for', async () => {
  const { id: projectId } = await newProject(h);
  const abort = new AbortController();
  const stream = streamEvents({ db: h.db, bus: h.bus, filter: { projectId }, lastEventId: null, signal: abort.signal });
  const seen: string[] = [];
  const reading = (async () => {
    for await (const event of stream) {
      seen.push(event.type);
      if (seen.length === 15) return;
    }
  })();
  // One at a time, so the stream goes back to waiting between events.
  for (let i = 0; i < 15; i++) {
    await h.caller.task.create({ projectId, title: `change ${i}` });
    for (let t = 0; t < 100 && seen.length <= i; t++) await new Promise((r) => setTimeout(r, 20));
  }
  await reading;
  expect(seen).toHaveLength(15);
  expect(getEventListeners(abort.signal, 'abort').length).toBeLessThanOrEqual(1);
  abort.abort();
});
