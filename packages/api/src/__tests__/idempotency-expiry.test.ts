import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_WINDOW_MS, purgeIdempotencyKeys, tables } from '@maestro/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { newProject } from './helpers.js';

/** Idempotency records are purged once past their window (the server's sweeper runs the purge hourly). */

let h: Harness;
let projectId: string;
beforeAll(async () => {
  h = await createHarness();
  projectId = (await newProject(h)).id;
});
afterAll(async () => {
  await h?.close();
});

const { idempotencyKeys } = tables;

/** Backdates a key's record as if it had been written `ms` ago. */
const age = (key: string, ms: number) =>
  h.db
    .update(idempotencyKeys)
    .set({ createdAt: sql`now() - ${ms} * interval '1 millisecond'` })
    .where(eq(idempotencyKeys.key, key));
const stored = async (key: string) => (await h.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).length;

describe('idempotency records', () => {
  test('a record past the window is purged; one inside it stays and still replays', async () => {
    const [old, recent] = [`key-${randomUUID()}`, `key-${randomUUID()}`];
    await h.caller.task.create({ projectId, title: 'old', idempotencyKey: old });
    const first = await h.caller.task.create({ projectId, title: 'recent', idempotencyKey: recent });
    await age(old, IDEMPOTENCY_WINDOW_MS + 60_000);
    await age(recent, IDEMPOTENCY_WINDOW_MS - 60 * 60_000);

    expect(await purgeIdempotencyKeys(h.db)).toBeGreaterThanOrEqual(1);
    expect(await stored(old)).toBe(0);
    expect(await stored(recent)).toBe(1);
    // Inside the window the same key still answers with the first result, creating nothing.
    expect(await h.caller.task.create({ projectId, title: 'recent', idempotencyKey: recent })).toEqual(first);
    // Past it the key is unknown: the call runs as new.
    const again = await h.caller.task.create({ projectId, title: 'old', idempotencyKey: old });
    expect(again.title).toBe('old');
    expect(await stored(old)).toBe(1);
  });
});
