import { randomBytes } from 'node:crypto';
import { REQUEST_LIMITS, type OutputChunk } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCaller } from '../router.js';
import { chargeResponse, createResponseBudget } from '../response-budget.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { expectCode } from './helpers.js';

/**
 * The answers of one HTTP request share a byte budget (the server gives each
 * request one); past it a call is TOO_LARGE and the calls before it keep their
 * answers. Without a budget (a WebSocket call) each answer is bounded alone.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('response budget', () => {
  test('calls sharing a budget answer until it is spent, then TOO_LARGE naming the limit', async () => {
    const f = await createFixture(h);
    const chunks: OutputChunk[] = Array.from({ length: 40 }, (_, seq) => ({ seq, data: randomBytes(64 * 1024).toString('base64') }));
    for (let i = 0; i < chunks.length; i += 10) await h.caller.runner.output({ runnerId: f.runnerId, sessionId: f.sessionId, chunks: chunks.slice(i, i + 10) });
    // 2.5 MiB of output is ~3.5 MB of JSON: a 5 MB budget holds one such answer, not two.
    const caller = createCaller({ ...h.contextFor(), responseBudget: createResponseBudget(5_000_000) });
    const first = await caller.session.output({ id: f.sessionId });
    expect(first.chunks).toHaveLength(40);
    const { body } = await expectCode(caller.session.output({ id: f.sessionId }), 'TOO_LARGE');
    expect(body.message).toContain('other calls in this batch');
    expect(body.details).toMatchObject({ limit: 'responseBytes' });
    // Small answers still fit what is left.
    expect((await caller.session.output({ id: f.sessionId, limit: 1 })).chunks).toHaveLength(1);
    // A fresh request (its own budget) answers in full again.
    expect((await h.caller.session.output({ id: f.sessionId })).chunks).toHaveLength(40);
  });

  test('without a budget one answer alone is held to REQUEST_LIMITS.responseBytes', () => {
    expect(() => chargeResponse(undefined, 'x', 'a'.repeat(REQUEST_LIMITS.responseBytes - 2))).not.toThrow();
    expect(() => chargeResponse(undefined, 'x', 'a'.repeat(REQUEST_LIMITS.responseBytes))).toThrow(/over the \d+-byte limit/);
  });

  test('task.list is charged its size from the database JSON: never below its own JSON', async () => {
    const f = await createFixture(h);
    for (let i = 0; i < 5; i++) await h.caller.task.create({ projectId: f.projectId, title: `big ${i}`, description: 'ü'.repeat(20_000) });
    const answer = await h.caller.task.list({ projectId: f.projectId });
    const bytes = Buffer.byteLength(JSON.stringify(answer));
    const budget = createResponseBudget(10 * bytes);
    await createCaller({ ...h.contextFor(), responseBudget: budget }).task.list({ projectId: f.projectId });
    const charged = 10 * bytes - budget.remaining;
    // Above the exact size (the database's keys and timestamps are longer): the answer was not serialised again to be measured.
    expect(charged).toBeGreaterThan(bytes);
    expect(charged).toBeLessThan(1.5 * bytes);
    // Just below the answer's own size it does not fit.
    const tight = createCaller({ ...h.contextFor(), responseBudget: createResponseBudget(bytes - 1) });
    await expectCode(tight.task.list({ projectId: f.projectId }), 'TOO_LARGE');
  });
});
