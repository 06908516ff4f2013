import { ERROR_CODES } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ZodError } from 'zod';
import { appRouter } from '../router.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { expectCode, failure, rowCounts } from './helpers.js';
import { COVERED_NAMESPACES, invoke, NO_INPUT, PROCEDURES, type Fixture } from './procedures.js';

let h: Harness;
let f: Fixture;
beforeAll(async () => {
  h = await createHarness();
  f = await createFixture(h);
});
afterAll(async () => {
  await h?.close();
});

describe('bad input', () => {
  test('the table covers every procedure of its namespaces', () => {
    const covered = [...PROCEDURES.map((p) => p.path), ...NO_INPUT].sort();
    const inRouter = Object.keys(appRouter._def.procedures).filter((path) => COVERED_NAMESPACES.includes(path.split('.')[0]!));
    expect(covered).toEqual(inRouter.sort());
  });

  const cases = PROCEDURES.flatMap((p) => p.bad.map((c) => ({ ...c, path: p.path, name: `${p.path}: ${c.label} → ${c.code}` })));

  test.each(cases)('$name', async ({ path, input, code, field }) => {
    const before = await rowCounts(h);
    const { error, body } = await expectCode(invoke(h.caller, path, input(f)), code);
    expect(ERROR_CODES).toContain(body.code);
    expect(body.message.length).toBeGreaterThan(0);
    if (field && error.cause instanceof ZodError) {
      expect(
        error.cause.issues.some((issue) => issue.path[0] === field),
        body.message,
      ).toBe(true);
      expect(body.message).toContain(field);
    }
    expect(await rowCounts(h)).toEqual(before);
  });

  test('the fixture is unchanged after every refusal', async () => {
    const task = await h.caller.task.get({ id: f.taskId });
    expect(task).toMatchObject({ title: 'fixture', status: 'todo', version: 1 });
    expect(task.subtasks.map((s) => s.id)).toEqual([f.subtaskId]);
    expect((await h.caller.task.get({ id: f.otherTaskId })).dependents).toEqual([]);
  });

  test('project.list takes no input and ignores whatever it is given', async () => {
    const list = await h.caller.project.list();
    expect(await invoke(h.caller, 'project.list', { junk: true })).toEqual(list);
  });

  test('events.list with well-formed unknown ids is an empty page: the log outlives what it describes', async () => {
    expect(await h.caller.events.list({ projectId: 'prj_0000000000' })).toEqual({ items: [], nextAfterId: null });
    expect(await h.caller.events.list({ taskId: 'tsk_0000000000' })).toEqual({ items: [], nextAfterId: null });
  });

  test('the error formatter sends the Maestro body and no stack', async () => {
    const error = (await failure(h.caller.task.get({ id: 'tsk_0000000000' }))) as Parameters<typeof appRouter._def._config.errorFormatter>[0]['error'];
    const shape = { message: error.message, code: -32004 as const, data: { code: 'NOT_FOUND' as const, httpStatus: 404, path: 'task.get', stack: 'secret' } };
    const formatted = appRouter._def._config.errorFormatter({ error, shape, type: 'query', path: 'task.get', input: {}, ctx: undefined }) as {
      data: { stack?: string; maestro: { code: string; details: unknown } };
    };
    expect(formatted.data.stack).toBeUndefined();
    expect(formatted.data.maestro).toMatchObject({ code: 'NOT_FOUND', details: { kind: 'task', id: 'tsk_0000000000' } });
  });
});
