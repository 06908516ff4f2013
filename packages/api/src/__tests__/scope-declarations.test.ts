import { expect, test } from 'vitest';
import { appRouter } from '../router.js';
import { declarationsOf } from '../scope.js';

interface ProcedureDef {
  inputs: unknown[];
  middlewares: unknown[];
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>);

test('the router has procedures to walk', () => {
  expect(procedures.length).toBeGreaterThan(40);
});

test('every procedure declares how its project is resolved, exactly once (scope.ts: inProject, narrowedToProject, narrowsItself, refuseSessions)', () => {
  const undeclared = procedures.filter(([, p]) => declarationsOf(p._def.middlewares).length !== 1).map(([path]) => path);
  expect(undeclared).toEqual([]);
});

test("a declaration that reads the input reads the procedure's own validated input", () => {
  const mismatched = procedures
    .filter(([, p]) => {
      const [declared] = declarationsOf(p._def.middlewares);
      return declared?.schema !== undefined && declared.schema !== p._def.inputs[0];
    })
    .map(([path]) => path);
  expect(mismatched).toEqual([]);
});

test('a procedure with input that a session token may call resolves its project from that input', () => {
  const blind = procedures
    .filter(([, p]) => {
      const [declared] = declarationsOf(p._def.middlewares);
      return p._def.inputs.length > 0 && declared?.access !== 'refused' && declared?.schema === undefined;
    })
    .map(([path]) => path);
  expect(blind).toEqual([]);
});
