import { errorBody, task as taskSchema } from '@maestro/schemas';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appRouter } from '../router.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { failure, newProject } from './helpers.js';

/**
 * What a client finds in `error.data.maestro` (the error formatter's output,
 * as the HTTP and WebSocket links deliver it): enough to show a refused change
 * in place — a cycle's path, the other side of a version conflict.
 */

let h: Harness;
let projectId: string;
beforeAll(async () => {
  h = await createHarness();
  projectId = (await newProject(h)).id;
});
afterAll(async () => {
  await h?.close();
});

/** Runs a call that must fail and returns `data.maestro` as the formatter sends it (through JSON, as on the wire). */
async function wireBody(call: Promise<unknown>, path: string) {
  const error = (await failure(call)) as TRPCError;
  const shape = { message: error.message, code: -32009 as const, data: { code: error.code, httpStatus: 409, path } };
  const formatted = appRouter._def._config.errorFormatter({ error, shape, type: 'mutation', path, input: {}, ctx: undefined }) as {
    data: { maestro: unknown };
  };
  return errorBody.parse(JSON.parse(JSON.stringify(formatted.data.maestro)));
}

/** A task as task.get shows it, without the detail fields. */
const asTask = async (id: string) => {
  const { subtasks: _a, dependencies: _b, dependents: _c, ready: _e, ...rest } = await h.caller.task.get({ id });
  return rest;
};

describe('error data a dashboard shows in place', () => {
  test('CYCLE names the whole path, in the message and as data (first and last are the task being changed)', async () => {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((title) => h.caller.task.create({ projectId, title })));
    await h.caller.task.dependency.add({ id: a!.id, dependsOnId: b!.id });
    await h.caller.task.dependency.add({ id: b!.id, dependsOnId: c!.id });
    const body = await wireBody(h.caller.task.dependency.add({ id: c!.id, dependsOnId: a!.id }), 'task.dependency.add');
    const path = [c!.id, a!.id, b!.id, c!.id];
    expect(body).toMatchObject({ code: 'CYCLE', details: { path } });
    expect(body.message).toContain(path.join(' → '));
    expect(body.hint).toBeTruthy();
  });

  test('VERSION_CONFLICT carries the current version and the task as it is now, for task.update and subtask.update', async () => {
    const t = await h.caller.task.create({ projectId, title: 'mine' });
    await h.caller.task.update({ id: t.id, title: 'theirs', expectedVersion: 1 });
    const body = await wireBody(h.caller.task.update({ id: t.id, title: 'mine again', expectedVersion: 1 }), 'task.update');
    expect(body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2, expectedVersion: 1, current: await asTask(t.id) } });
    expect((body.details as { current: { title: string } }).current.title).toBe('theirs');
    expect(taskSchema.safeParse((body.details as { current: unknown }).current).success).toBe(true);

    const sub = await h.caller.subtask.create({ taskId: t.id, title: 'child' });
    await h.caller.subtask.update({ taskId: t.id, subtaskId: sub.id, status: 'in_progress', expectedVersion: sub.version });
    const subBody = await wireBody(
      h.caller.subtask.update({ taskId: t.id, subtaskId: sub.id, title: 'renamed', expectedVersion: sub.version }),
      'subtask.update',
    );
    expect(subBody).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: sub.version + 1, current: await asTask(sub.id) } });
  });
});
