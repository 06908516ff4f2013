import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCaller } from '../router.js';
import { credentialStillValid } from '../revocation.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { expectCode, rowCounts } from './helpers.js';
import { invoke, NO_INPUT, PROCEDURES, type Fixture } from './procedures.js';

let h: Harness;
let f: Fixture;
beforeAll(async () => {
  h = await createHarness();
  f = await createFixture(h);
});
afterAll(async () => {
  await h?.close();
});

describe('auth', () => {
  const procedures = [...PROCEDURES.map((p) => ({ path: p.path, valid: p.valid })), ...NO_INPUT.map((path) => ({ path, valid: () => undefined }))];

  test.each(procedures)('$path without a token is UNAUTHORIZED and writes nothing', async ({ path, valid }) => {
    const anonymous = h.callerFor(null);
    const before = await rowCounts(h);
    const { body } = await expectCode(invoke(anonymous, path, valid(f)), 'UNAUTHORIZED');
    expect(body.hint).toContain('token');
    expect(await rowCounts(h)).toEqual(before);
  });

  test('auth is checked before input: a bad input without a token is still UNAUTHORIZED', async () => {
    await expectCode(h.callerFor(null).task.create({ projectId: 'nope' } as never), 'UNAUTHORIZED');
  });

  test('the same inputs succeed with a token', async () => {
    const admin = h.callerFor({ kind: 'admin' });
    expect((await admin.task.get({ id: f.taskId })).id).toBe(f.taskId);
    // fixture, its subtask, the unrelated task and the session fixture's task
    expect((await admin.status.get({ projectId: f.projectId })).total).toBe(4);
    expect((await admin.project.list()).items).toHaveLength(1);
  });

  describe('a session token on a connection that outlives its session (a WebSocket opened before the end)', () => {
    let ended: { sessionId: string; projectId: string };
    beforeAll(async () => {
      const task = await h.caller.task.create({ projectId: f.projectId, title: 'revoked session task' });
      const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
      await h.caller.runner.claim({ runnerId: f.runnerId, sessionId: session.id });
      await h.caller.runner.exit({ runnerId: f.runnerId, sessionId: session.id, exitCode: 0, signal: null, error: null });
      ended = { sessionId: session.id, projectId: f.projectId };
    });
    // The connection's auth was decided while the session was live; only the per-call check can refuse now.
    const revokedCaller = () => createCaller({ ...h.contextFor({ kind: 'session', ...ended }), stillValid: credentialStillValid(h.db) });

    test.each(procedures)('$path is UNAUTHORIZED and writes nothing', async ({ path, valid }) => {
      const before = await rowCounts(h);
      const { body } = await expectCode(invoke(revokedCaller(), path, valid(f)), 'UNAUTHORIZED');
      expect(body.message).toContain('its session has ended');
      expect(await rowCounts(h)).toEqual(before);
    });

    test('the same connection kind works while the session is live', async () => {
      const live = createCaller({
        ...h.contextFor({ kind: 'session', sessionId: f.sessionId, projectId: f.projectId }),
        stillValid: credentialStillValid(h.db),
      });
      expect((await live.task.get({ id: f.taskId })).id).toBe(f.taskId);
    });
  });
});
