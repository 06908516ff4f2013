import { createTestDb } from '@maestro/db/testing';
import type { RunnerCommand } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPostgresCommandBus, splitInput, type CommandBus } from '../bus/commands.js';

/**
 * Keystrokes sent through PostgreSQL NOTIFY arrive exactly as sent: split by
 * encoded bytes between code points, every part delivered, in order, once.
 */

const EMOJI = '\u{1F600}';
/** Text whose emoji fall on every position around the part boundaries. */
const emojiEverywhere = () => Array.from({ length: 8 }, (_, shift) => 'a'.repeat(shift) + EMOJI.repeat(2_000)).join('');
const CONTROLS = Array.from({ length: 10_000 }, (_, i) => String.fromCharCode(1 + (i % 31))).join('');

describe('splitInput', () => {
  test.each([
    ['emoji on every boundary', emojiEverywhere()],
    ['10,000 control characters', CONTROLS],
    ['mixed scripts', 'héllo wörld ✓ 日本語 '.repeat(2_000)],
  ])('%s: parts rejoin to the input, none over the NOTIFY budget, none starting or ending mid-character', (_name, data) => {
    const parts = splitInput(data);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(data);
    for (const part of parts) {
      expect(
        Buffer.byteLength(JSON.stringify({ runnerId: 'r'.repeat(64), part: 9_999, command: { kind: 'input', sessionId: 's'.repeat(64), data: part } })),
      ).toBeLessThan(8_000);
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('input through PostgreSQL NOTIFY', () => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let bus: CommandBus;
  beforeAll(async () => {
    db = await createTestDb();
    bus = await createPostgresCommandBus(db.sql!);
  });
  afterAll(async () => {
    await bus?.close();
    await db?.close();
  });

  test.each([
    ['emoji on every boundary', emojiEverywhere()],
    ['10,000 control characters', CONTROLS],
    // PostgreSQL delivers identical payloads of one transaction once: identical parts must still differ.
    ['identical parts', 'a'.repeat(18_000)],
  ])('%s arrive exactly, once, in order', async (_name, data) => {
    const runnerId = `runner-${Math.random().toString(36).slice(2)}`;
    const received: string[] = [];
    const unsubscribe = bus.subscribe(runnerId, (c: RunnerCommand) => c.kind === 'input' && received.push(c.data));
    try {
      await bus.publish(runnerId, { kind: 'input', sessionId: 'ses_0123456789', data });
      await bus.publish(runnerId, { kind: 'input', sessionId: 'ses_0123456789', data: 'END' });
      await expect.poll(() => received.at(-1), { timeout: 30_000 }).toBe('END');
      expect(received.slice(0, -1).join('')).toBe(data);
    } finally {
      unsubscribe();
    }
  });

  test('with a transaction: the input arrives exactly when it commits, and nothing when it rolls back', async () => {
    const runnerId = `runner-${Math.random().toString(36).slice(2)}`;
    const received: string[] = [];
    const unsubscribe = bus.subscribe(runnerId, (c: RunnerCommand) => c.kind === 'input' && received.push(c.data));
    const command = (data: string) => ({ kind: 'input', sessionId: 'ses_0123456789', data }) as const;
    try {
      await db.db
        .transaction(async (tx) => {
          await bus.publishWith({ tx, onCommit: () => {} }, runnerId, command('never'.repeat(2_000)));
          throw new Error('rolled back');
        })
        .catch(() => {});
      const data = CONTROLS + 'a'.repeat(18_000);
      await db.db.transaction((tx) => bus.publishWith({ tx, onCommit: () => {} }, runnerId, command(data)));
      await bus.publish(runnerId, command('END'));
      await expect.poll(() => received.at(-1), { timeout: 30_000 }).toBe('END');
      expect(received.slice(0, -1).join('')).toBe(data);
    } finally {
      unsubscribe();
    }
  });
});
