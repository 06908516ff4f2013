import { POOL_TIMEOUTS } from '@maestro/db';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { newProject } from './helpers.js';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A frozen process (a paused VM, a long GC) holding a row lock inside an open
 * transaction must not stall every other writer: PostgreSQL ends the idle
 * transaction after POOL_TIMEOUTS.idle_in_transaction_session_timeout, and the
 * writer waiting for the row goes on. The frozen holder is a connection with
 * the pool's settings that takes the lock and then says nothing, as a paused
 * server would.
 */
describe.skipIf(!onPostgres)('a frozen holder of a row lock (PostgreSQL)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('is ended by the idle-in-transaction timeout; the waiting update then commits, and the holder’s transaction is rolled back', async () => {
    const projectId = (await newProject(h)).id;
    const task = await h.caller.task.create({ projectId, title: 'locked by a frozen server' });
    const frozen = postgres(h.url!, { max: 1, onnotice: () => {}, connection: POOL_TIMEOUTS });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = frozen
      .begin(async (tx) => {
        await tx`update tasks set title = 'written by the frozen server' where id = ${task.id}`;
        holding();
        // Frozen: the transaction stays open and silent. Its connection's end rejects the transaction.
        await new Promise(() => {});
      })
      .then(
        () => 'committed',
        (error: { code?: string }) => error.code ?? 'failed',
      );
    await held;
    const updated = await h.caller.task.update({ id: task.id, title: 'written by the live server' });
    expect(updated.title).toBe('written by the live server');
    // Its session was terminated by the idle timeout: nothing it wrote survives.
    expect(await holder).not.toBe('committed');
    expect((await h.caller.task.get({ id: task.id })).title).toBe('written by the live server');
    await frozen.end({ timeout: 1 });
  });
});
