import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { expectCode, newProject, rowCounts, unique } from './helpers.js';

let h: Harness;
let projectId: string;
beforeAll(async () => {
  h = await createHarness();
  projectId = (await newProject(h)).id;
});
afterAll(async () => {
  await h?.close();
});

const key = () => `key-${randomUUID()}`;

/** Runs `call` twice with one key: the replay must equal the first result and write nothing. */
async function replays<T>(call: (idempotencyKey: string) => Promise<T>): Promise<T> {
  const k = key();
  const first = await call(k);
  const after = await rowCounts(h);
  const second = await call(k);
  expect(second).toEqual(first);
  expect(await rowCounts(h)).toEqual(after);
  return first;
}

describe('idempotent replay', () => {
  test('project.create', async () => {
    const name = unique('idem');
    const p = await replays((idempotencyKey) => h.caller.project.create({ name, workingDir: '/tmp', idempotencyKey }));
    expect((await h.caller.project.list()).items.filter((x) => x.name === name)).toEqual([p]);
  });

  test('task.create and subtask.create', async () => {
    const t = await replays((idempotencyKey) => h.caller.task.create({ projectId, title: 'once', priority: 'high', idempotencyKey }));
    expect((await h.caller.task.list({ projectId, text: 'once' })).total).toBe(1);
    await replays((idempotencyKey) => h.caller.subtask.create({ taskId: t.id, title: 'sub once', idempotencyKey }));
    expect(await h.caller.subtask.list({ taskId: t.id })).toHaveLength(1);
  });

  test('task.update returns the first result even though the version moved on', async () => {
    const t = await h.caller.task.create({ projectId, title: 'u' });
    const u = await replays((idempotencyKey) => h.caller.task.update({ id: t.id, title: 'u2', expectedVersion: 1, idempotencyKey }));
    expect(u.version).toBe(2);
    expect((await h.caller.task.get({ id: t.id })).version).toBe(2);
  });

  test('lifecycle verbs, claim, dependencies, deletes and project changes', async () => {
    const a = await h.caller.task.create({ projectId, title: 'a' });
    const b = await h.caller.task.create({ projectId, title: 'b' });
    await replays((idempotencyKey) => h.caller.task.dependency.add({ id: a.id, dependsOnId: b.id, idempotencyKey }));
    await replays((idempotencyKey) => h.caller.task.dependency.remove({ id: a.id, dependsOnId: b.id, idempotencyKey }));
    await replays((idempotencyKey) => h.caller.task.claim({ projectId, id: b.id, claimant: 'x', idempotencyKey }));
    await replays((idempotencyKey) => h.caller.task.block({ id: b.id, reason: 'r', idempotencyKey }));
    await replays((idempotencyKey) => h.caller.task.unblock({ id: b.id, idempotencyKey }));
    await replays((idempotencyKey) => h.caller.task.complete({ id: b.id, idempotencyKey }));
    await replays((idempotencyKey) => h.caller.task.start({ id: a.id, idempotencyKey }));
    await replays((idempotencyKey) => h.caller.task.comment({ id: a.id, body: 'hi', idempotencyKey }));
    await replays((idempotencyKey) => h.caller.task.delete({ id: a.id, idempotencyKey }));
    const p = await newProject(h);
    await replays((idempotencyKey) => h.caller.project.update({ id: p.id, description: 'd', idempotencyKey }));
    await replays((idempotencyKey) => h.caller.project.delete({ id: p.id, idempotencyKey }));
  });

  test('a replay is not re-run: claiming the next ready task twice with one key claims one task', async () => {
    const p = await newProject(h);
    await h.caller.task.create({ projectId: p.id, title: 'one' });
    await h.caller.task.create({ projectId: p.id, title: 'two' });
    const k = key();
    const first = await h.caller.task.claim({ projectId: p.id, claimant: 'agent', idempotencyKey: k });
    const second = await h.caller.task.claim({ projectId: p.id, claimant: 'agent', idempotencyKey: k });
    expect(second).toEqual(first);
    expect((await h.caller.task.list({ projectId: p.id, ready: true })).total).toBe(1);
  });

  test('a replay after the task changed returns the stored result, not the current state', async () => {
    const t = await h.caller.task.create({ projectId, title: 's' });
    const k = key();
    const started = await h.caller.task.start({ id: t.id, idempotencyKey: k });
    await h.caller.task.block({ id: t.id, reason: 'later' });
    expect(await h.caller.task.start({ id: t.id, idempotencyKey: k })).toEqual(started);
    expect((await h.caller.task.get({ id: t.id })).status).toBe('blocked');
  });
});

describe('idempotency key reuse', () => {
  test('the same key with a different input is IDEMPOTENCY_MISMATCH and writes nothing', async () => {
    const k = key();
    const first = await h.caller.task.create({ projectId, title: 'first', idempotencyKey: k });
    const before = await rowCounts(h);
    await expectCode(h.caller.task.create({ projectId, title: 'second', idempotencyKey: k }), 'IDEMPOTENCY_MISMATCH');
    await expectCode(h.caller.task.create({ projectId, title: 'first', priority: 'low', idempotencyKey: k }), 'IDEMPOTENCY_MISMATCH');
    expect(await rowCounts(h)).toEqual(before);
    expect(await h.caller.task.create({ projectId, title: 'first', idempotencyKey: k })).toEqual(first);
  });

  test('the same key on another procedure is IDEMPOTENCY_MISMATCH', async () => {
    const t = await h.caller.task.create({ projectId, title: 't' });
    const k = key();
    await h.caller.task.start({ id: t.id, idempotencyKey: k });
    await expectCode(h.caller.task.complete({ id: t.id, idempotencyKey: k }), 'IDEMPOTENCY_MISMATCH');
    expect((await h.caller.task.get({ id: t.id })).status).toBe('in_progress');
  });

  test('a failed call does not use up its key', async () => {
    const k = key();
    const before = await rowCounts(h);
    await expectCode(h.caller.task.create({ projectId, title: 'dep missing', dependsOn: ['tsk_0000000000'], idempotencyKey: k }), 'NOT_FOUND');
    expect(await rowCounts(h)).toEqual(before);
    const t = await h.caller.task.create({ projectId, title: 'now valid', idempotencyKey: k });
    expect(t.title).toBe('now valid');
  });

  test('without a key, repeating a create makes two tasks', async () => {
    const before = await rowCounts(h);
    await h.caller.task.create({ projectId, title: 'twice' });
    await h.caller.task.create({ projectId, title: 'twice' });
    expect((await rowCounts(h)).tasks).toBe(before.tasks + 2);
  });
});
