import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_API_CONFIG } from '../context.js';
import { createRateLimiter } from '../rate-limit.js';
import { createCaller } from '../router.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { expectCode, newProject, rowCounts } from './helpers.js';

describe('createRateLimiter (a clock the test moves)', () => {
  test('admits a burst, refuses with when to retry, and recovers at the sustained rate', () => {
    let now = 0;
    const limiter = createRateLimiter({ mutationsPerSecond: 2, mutationBurst: 3, spawnsPerMinute: 0, spawnBurst: 1 }, () => now);
    for (let i = 0; i < 3; i++) expect(limiter.check('a', 'task.update').ok).toBe(true);
    const refused = limiter.check('a', 'task.update');
    expect(refused).toMatchObject({ ok: false, what: 'mutations', retryAfterMs: 500 });
    // Another credential has its own bucket.
    expect(limiter.check('b', 'task.update').ok).toBe(true);
    now += 500;
    expect(limiter.check('a', 'task.update').ok).toBe(true);
    expect(limiter.check('a', 'task.update').ok).toBe(false);
  });

  test('spawns have their own, slower bucket; runner.* is exempt (output is flow-controlled)', () => {
    let now = 0;
    const limiter = createRateLimiter({ mutationsPerSecond: 1, mutationBurst: 1, spawnsPerMinute: 6, spawnBurst: 2 }, () => now);
    for (let i = 0; i < 50; i++) expect(limiter.check('a', 'runner.output').ok).toBe(true);
    now += 10_000;
    expect(limiter.check('s', 'session.spawn').ok).toBe(true);
    now += 1_000;
    expect(limiter.check('s', 'session.spawn').ok).toBe(true);
    now += 1_000;
    expect(limiter.check('s', 'session.spawn')).toMatchObject({ ok: false, what: 'spawns', retryAfterMs: 8_000 });
  });
});

describe('through the router', () => {
  let h: Harness;
  let now = 0;
  beforeAll(async () => {
    h = await createHarness({ config: { ...DEFAULT_API_CONFIG, maxSessionsPerRunner: 1 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('a session token past its mutation burst gets RATE_LIMITED with retryAfterMs, nothing is written, reads still work; the owner is not limited', async () => {
    const project = await newProject(h);
    const task = await h.caller.task.create({ projectId: project.id, title: 'limited' });
    const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
    const limiter = createRateLimiter({ mutationsPerSecond: 1, mutationBurst: 2, spawnsPerMinute: 0, spawnBurst: 1 }, () => now);
    const agent = createCaller({ ...h.contextFor({ kind: 'session', sessionId: session.id, projectId: project.id }), limiter });
    await agent.task.comment({ id: task.id, body: 'one' });
    await agent.task.comment({ id: task.id, body: 'two' });
    const before = await rowCounts(h);
    const { body } = await expectCode(agent.task.comment({ id: task.id, body: 'three' }), 'RATE_LIMITED');
    expect(body.details).toMatchObject({ retryAfterMs: 1000, what: 'mutations' });
    expect(body.hint).toContain('Retry in 1 s');
    expect(await rowCounts(h)).toEqual(before);
    expect((await agent.task.get({ id: task.id })).id).toBe(task.id);
    const owner = createCaller({ ...h.contextFor({ kind: 'admin' }), limiter });
    for (let i = 0; i < 5; i++) await owner.task.comment({ id: task.id, body: `owner ${i}` });
    now += 1_000;
    await agent.task.comment({ id: task.id, body: 'after the wait' });
  });

  test('a spawn when every live runner runs its maximum of sessions is LIMIT_REACHED, with nothing written; with room it is accepted', async () => {
    const project = await newProject(h);
    const [a, b] = await Promise.all([
      h.caller.task.create({ projectId: project.id, title: 'a' }),
      h.caller.task.create({ projectId: project.id, title: 'b' }),
    ]);
    const { runnerId } = await h.caller.runner.register({ name: 'full runner', hostname: 'test', pid: 1 });
    await h.caller.runner.heartbeat({ runnerId, sessionIds: [] });
    const first = await h.caller.session.spawn({ taskIds: [a.id], agent: 'custom', command: 'true' });
    await h.caller.runner.claim({ runnerId, sessionId: first.id });
    const before = await rowCounts(h);
    const { body } = await expectCode(h.caller.session.spawn({ taskIds: [b.id], agent: 'custom', command: 'true' }), 'LIMIT_REACHED');
    expect(body.hint).toContain('MAESTRO_RUNNER_MAX_SESSIONS');
    expect(await rowCounts(h)).toEqual(before);
    await h.caller.runner.exit({ runnerId, sessionId: first.id, exitCode: 0, signal: null, error: null });
    const second = await h.caller.session.spawn({ taskIds: [b.id], agent: 'custom', command: 'true' });
    expect(second.status).toBe('spawning');
    // The runner fills up again: it may not claim past its maximum (another runner with room would take it).
    await h.caller.runner.claim({ runnerId, sessionId: second.id });
    const third = await h.caller.task.create({ projectId: project.id, title: 'c' });
    const { runnerId: other } = await h.caller.runner.register({ name: 'second runner', hostname: 'test', pid: 2 });
    await h.caller.runner.heartbeat({ runnerId: other, sessionIds: [] });
    const pending = await h.caller.session.spawn({ taskIds: [third.id], agent: 'custom', command: 'true' });
    await expectCode(h.caller.runner.claim({ runnerId, sessionId: pending.id }), 'LIMIT_REACHED');
    expect((await h.caller.runner.claim({ runnerId: other, sessionId: pending.id })).session.runnerId).toBe(other);
  });
});
