import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
});
