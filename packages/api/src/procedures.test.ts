import { describe, expect, test } from 'vitest';
import { describeProcedures, httpStatusOf } from './docs.js';

describe('describeProcedures (what docs/api.md is generated from)', () => {
  const all = new Map(describeProcedures().map((p) => [p.path, p]));

  test('lists every procedure with its type and schemas', () => {
    expect(all.size).toBeGreaterThan(40);
    expect(all.get('task.create')).toMatchObject({ type: 'mutation', roles: ['admin', 'member'], session: 'own project' });
    expect(all.get('task.create')?.input).toBeDefined();
    expect(all.get('events.onEvent')?.type).toBe('subscription');
  });

  test('tells the procedures that refuse session tokens (adminProcedure) from the rest', () => {
    const refused = [...all.values()].filter((p) => p.session === 'refused').map((p) => p.path);
    expect(refused).toEqual(expect.arrayContaining(['project.create', 'project.delete', 'runner.claim', 'token.create', 'token.list']));
    expect(refused).not.toContain('task.get');
    expect(all.get('project.list')?.session).toBe('own project (filtered)');
  });

  test('roles come from the role check itself', () => {
    expect(all.get('token.list')?.roles).toEqual(['admin']);
    expect(all.get('task.list')?.roles).toEqual(['admin', 'member', 'readonly']);
    expect(all.get('runner.output')?.roles).toEqual(['admin', 'runner']);
  });
});

test('httpStatusOf answers the status the API sends for a code', () => {
  expect(httpStatusOf('NOT_FOUND')).toBe(404);
  expect(httpStatusOf('VERSION_CONFLICT')).toBe(409);
  expect(httpStatusOf('RATE_LIMITED')).toBe(429);
  expect(httpStatusOf('UNAVAILABLE')).toBe(503);
});
