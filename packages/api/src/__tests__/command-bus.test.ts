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
      expect(Buffer.byteLength(JSON.stringify({ runnerId: 'r'.repeat(64), command: { kind: 'input', sessionId: 's'.repeat(64), data: part } }))).toBeLessThan(
        8_000,
      );
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
});
