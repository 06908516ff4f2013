import { createDb, listEvents, maxEventId, type DbHandle } from '@maestro/db';
import type { MaestroEvent } from '@maestro/schemas';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryCommandBus } from '../bus/commands.js';
import { createPostgresBus } from '../bus/postgres.js';
import type { EventBus } from '../bus/types.js';
import { createContextInner } from '../context.js';
import { mutate } from '../mutate.js';
import { streamEvents } from '../services/events.js';
import { createHarness, type Harness } from '../testing/harness.js';

/**
 * The ordering guarantee attacked directly (docs/adr/0001-event-order.md): a
 * reader that has seen position N has seen every position below N. Only
 * Postgres has overlapping transactions; PGlite runs one at a time.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);

const WRITERS = 16;
const TRANSACTIONS_PER_WRITER = 12;
const PROJECT = 'prj_ordertest01';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const random = (max: number) => Math.floor(Math.random() * max);

/** Each event names its writer and its number there, so a reader can tell exactly which ones it got. */
const label = (event: MaestroEvent) => (event.type === 'project:deleted' ? event.payload.name : `other:${event.id}`);

/** Every position strictly increasing: nothing twice, nothing out of order. */
function expectIncreasing(events: readonly MaestroEvent[]) {
  for (let i = 1; i < events.length; i++) expect(events[i]!.id).toBeGreaterThan(events[i - 1]!.id);
}

describe.runIf(onPostgres)('event order under concurrent writers on Postgres', () => {
  let h: Harness;
  /** A second "server": its own pool, bus and sequencer on the same database. */
  let other: DbHandle;
  let otherBus: EventBus;

  beforeAll(async () => {
    h = await createHarness();
    other = createDb({ url: h.url!, max: 20 });
    otherBus = await createPostgresBus(other.db, other.sql!);
  });
  afterAll(async () => {
    await otherBus?.close();
    await other?.close();
    await h?.close();
  });

  /**
   * A bus that holds each transaction open for a random while after its events
   * are inserted, so later transactions commit first; some take their
   * transaction id early too, so transaction ids and insert order disagree.
   */
  function slowBus(bus: EventBus): EventBus {
    return {
      ...bus,
      inTransaction: async (tx) => {
        await bus.inTransaction(tx);
        if (Math.random() < 0.5) await sleep(random(40));
      },
    };
  }

  async function writer(n: number) {
    const onOther = n % 2 === 1;
    const ctx = {
      ...createContextInner({ db: onOther ? other.db : h.db, bus: slowBus(onOther ? otherBus : h.bus), commands: createMemoryCommandBus() }),
      actor: `writer-${n}`,
    };
    for (let t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
      await mutate(ctx, { procedure: 'test.write', input: {} }, async (scope) => {
        if (Math.random() < 0.3) await scope.tx.execute(sql`select pg_current_xact_id()`);
        if (Math.random() < 0.3) await sleep(random(20));
        const count = 1 + random(3);
        for (let e = 0; e < count; e++) {
          scope.emit({
            type: 'project:deleted',
            projectId: PROJECT,
            taskId: null,
            sessionId: null,
            payload: { projectId: PROJECT, name: `w${n}-t${t}-e${e}` },
          });
        }
      });
    }
  }

  /** Reads `events.list` page by page while writes go on, each page resuming from the last position it saw. */
  async function pagingReader(until: () => boolean, from: number): Promise<MaestroEvent[]> {
    const seen: MaestroEvent[] = [];
    let last = from;
    for (;;) {
      const done = until();
      const page = await listEvents(h.db, { filter: { projectId: PROJECT }, afterId: last, limit: 1 + random(7) });
      seen.push(...page);
      if (page.length > 0) last = page.at(-1)!.id;
      else if (done) return seen;
      else await sleep(random(5));
    }
  }

  /** Subscribes, takes a few events, drops the stream, and resumes from the last one it got: again and again. */
  async function resumingReader(db: DbHandle['db'], bus: EventBus, total: number, from: number): Promise<MaestroEvent[]> {
    const seen: MaestroEvent[] = [];
    let last = from;
    while (seen.length < total) {
      const abort = new AbortController();
      const take = 1 + random(10);
      let taken = 0;
      for await (const event of streamEvents({ db, bus, filter: { projectId: PROJECT }, lastEventId: last, signal: abort.signal })) {
        seen.push(event);
        last = event.id;
        if (++taken >= take || seen.length >= total) break;
      }
      abort.abort();
    }
    return seen;
  }

  test(`${WRITERS} writers holding transactions open at random: the bus, backfill and events.list each see every event once, in one order`, async () => {
    const start = await maxEventId(h.db);
    const live: MaestroEvent[][] = [[], []];
    const unsubscribe = [
      h.bus.subscribe((e) => e.projectId === PROJECT && live[0]!.push(e)),
      otherBus.subscribe((e) => e.projectId === PROJECT && live[1]!.push(e)),
    ];

    let writing = true;
    const paging = [pagingReader(() => !writing, start), pagingReader(() => !writing, start)];
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(n)));
    // Resuming readers need to know when to stop: they read until they hold as many events as were written.
    await writers;
    writing = false;
    const written = (await listEvents(h.db, { filter: { projectId: PROJECT }, afterId: start, limit: 100_000 })).length;
    const resumed = await Promise.all([resumingReader(h.db, h.bus, written, start), resumingReader(other.db, otherBus, written, start)]);
    const paged = await Promise.all(paging);
    // Live delivery trails the last commit by one feed read: wait for it rather than for time.
    while (live.some((l) => l.length < written)) await sleep(10);
    unsubscribe.forEach((u) => u());

    const expected = new Set<string>();
    for (let n = 0; n < WRITERS; n++) for (let t = 0; t < TRANSACTIONS_PER_WRITER; t++) expected.add(`w${n}-t${t}-`);
    const reference = await listEvents(h.db, { filter: { projectId: PROJECT }, afterId: start, limit: 100_000 });
    expect(new Set(reference.map((e) => label(e).replace(/e\d+$/, '')))).toEqual(expected);
    expectIncreasing(reference);

    for (const seen of [...live, ...resumed, ...paged]) {
      expectIncreasing(seen);
      expect(seen.map(label)).toEqual(reference.map(label));
    }
    // One transaction's events stay together and in the order it emitted them.
    const byTransaction = new Map<string, number[]>();
    for (const e of reference) {
      const key = label(e).replace(/-e\d+$/, '');
      byTransaction.set(key, [...(byTransaction.get(key) ?? []), Number(label(e).split('-e')[1])]);
    }
    for (const order of byTransaction.values()) expect(order).toEqual([...order].sort((a, b) => a - b));
  }, 240_000);

  test('a transaction committed but never numbered (its server died after commit) is numbered by the sweep and delivered', async () => {
    const head = await maxEventId(h.db);
    const got: MaestroEvent[] = [];
    const unsubscribe = otherBus.subscribe((e) => e.projectId === PROJECT && got.push(e));
    // Written the way a writer does, but nobody runs the sequencer afterwards.
    await h.db.execute(
      sql`insert into events (project_id, type, actor, payload) values (${PROJECT}, 'project:deleted', 'ghost', ${JSON.stringify({ projectId: PROJECT, name: 'orphan' })}::jsonb)`,
    );
    while (got.length === 0) await sleep(20);
    unsubscribe();
    expect(got.map(label)).toEqual(['orphan']);
    expect(got[0]!.id).toBe(head + 1);
  }, 60_000);
});
