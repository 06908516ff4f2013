import type { RunnerCommand } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { expectCode, newProject } from './helpers.js';

/**
 * A sendInput retried after its answer was lost (same idempotency key) types
 * nothing again: the keystrokes and the idempotency record commit together
 * (on PostgreSQL the NOTIFY is part of the transaction).
 */

let h: Harness;
let runnerId: string;
beforeAll(async () => {
  h = await createHarness();
  runnerId = (await h.caller.runner.register({ name: 'input runner', hostname: 'localhost', pid: 1 })).runnerId;
});
afterAll(async () => {
  await h?.close();
});

async function liveSession() {
  const { id: projectId } = await newProject(h);
  const task = await h.caller.task.create({ projectId, title: 'typing' });
  const s = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true', name: 'typist' });
  await h.caller.runner.claim({ runnerId, sessionId: s.id });
  await h.caller.runner.started({ runnerId, sessionId: s.id, pid: 1, workingDir: '/tmp', branch: null });
  return s.id;
}

/** What reaches the runner for `sessionId` until `END` does (sent last with a fresh key, so everything before it has arrived). */
async function typedAt(sessionId: string, send: () => Promise<unknown>): Promise<string[]> {
  const typed: string[] = [];
  const stop = h.commands.subscribe(runnerId, (c: RunnerCommand) => {
    if (c.kind === 'input' && c.sessionId === sessionId) typed.push(c.data);
  });
  try {
    await send();
    await h.caller.session.sendInput({ id: sessionId, data: 'END', idempotencyKey: `end-${sessionId}` });
    await expect.poll(() => typed.at(-1), { timeout: 30_000 }).toBe('END');
    return typed.slice(0, -1);
  } finally {
    stop();
  }
}

describe('session.sendInput with an idempotency key', () => {
  test('the same call twice with the same key: typed once, both answered delivered', async () => {
    const id = await liveSession();
    const answers: unknown[] = [];
    const typed = await typedAt(id, async () => {
      const call = { id, data: 'rm -rf build\r', idempotencyKey: 'input-retry-1' };
      answers.push(await h.caller.session.sendInput(call));
      answers.push(await h.caller.session.sendInput(call));
    });
    expect(typed).toEqual(['rm -rf build\r']);
    expect(answers).toEqual([{ delivered: true }, { delivered: true }]);
  });

  test('five retries at once with one key: typed once', async () => {
    const id = await liveSession();
    const typed = await typedAt(id, () =>
      Promise.all(Array.from({ length: 5 }, () => h.caller.session.sendInput({ id, data: 'y\r', idempotencyKey: 'input-burst-1' }))),
    );
    expect(typed).toEqual(['y\r']);
  });

  test('other keys, or none, type each time', async () => {
    const id = await liveSession();
    const typed = await typedAt(id, async () => {
      await h.caller.session.sendInput({ id, data: 'a', idempotencyKey: 'input-key-a' });
      await h.caller.session.sendInput({ id, data: 'a', idempotencyKey: 'input-key-b' });
      await h.caller.session.sendInput({ id, data: 'a' });
      await h.caller.session.sendInput({ id, data: 'a' });
    });
    expect(typed).toEqual(['a', 'a', 'a', 'a']);
  });

  test('a retry once the session has ended still answers delivered (the first send was), and types nothing', async () => {
    const id = await liveSession();
    const typed: string[] = [];
    const stop = h.commands.subscribe(runnerId, (c) => c.kind === 'input' && c.sessionId === id && typed.push(c.data));
    try {
      await h.caller.session.sendInput({ id, data: 'exit\r', idempotencyKey: 'input-before-end' });
      await expect.poll(() => typed).toEqual(['exit\r']);
      await h.caller.runner.exit({ runnerId, sessionId: id, exitCode: 0, signal: null, error: null });
      expect(await h.caller.session.sendInput({ id, data: 'exit\r', idempotencyKey: 'input-before-end' })).toEqual({ delivered: true });
      await expectCode(h.caller.session.sendInput({ id, data: 'exit\r', idempotencyKey: 'input-after-end' }), 'INVALID_TRANSITION');
      expect(typed).toEqual(['exit\r']);
    } finally {
      stop();
    }
  });

  test('a key already used for another session is IDEMPOTENCY_MISMATCH, and nothing is typed', async () => {
    const [one, two] = [await liveSession(), await liveSession()];
    await h.caller.session.sendInput({ id: one, data: 'x', idempotencyKey: 'input-one-key' });
    const typed = await typedAt(two, () =>
      expectCode(h.caller.session.sendInput({ id: two, data: 'x', idempotencyKey: 'input-one-key' }), 'IDEMPOTENCY_MISMATCH'),
    );
    expect(typed).toEqual([]);
  });
});
