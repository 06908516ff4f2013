import { TOKEN_ROLES, type TokenRole } from '@maestro/schemas';
import type { z } from 'zod';
import { roleRefusal } from './roles.js';
import { appRouter } from './router.js';
import { declarationsOf, type SessionAccess } from './scope.js';

export type { SessionAccess };

type ProcedureType = 'query' | 'mutation' | 'subscription';

/** One procedure as the API reference shows it. */
export interface ProcedureInfo {
  path: string;
  type: ProcedureType;
  input: z.ZodType | undefined;
  output: z.ZodType | undefined;
  /** Named-token roles that may call it (the server token always may). */
  roles: TokenRole[];
  session: SessionAccess;
}

interface ProcedureDef {
  type: ProcedureType;
  inputs: z.ZodType[];
  output?: z.ZodType;
  middlewares: unknown[];
}

/** What a session token may do with the procedure at `path`, as the procedure declares it (scope.ts). */
function sessionAccess(path: string, def: ProcedureDef): SessionAccess {
  const [declared, ...more] = declarationsOf(def.middlewares);
  if (!declared || more.length > 0) throw new Error(`${path} must declare how its project is resolved exactly once (scope.ts)`);
  return declared.access;
}

/**
 * Every procedure of the router with its schemas and who may call it, read
 * from the router itself so the generated reference (docs/api.md) cannot drift.
 */
export function describeProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  return Object.entries(procedures).map(([path, { _def: def }]) => ({
    path,
    type: def.type,
    input: def.inputs[0],
    output: def.output,
    roles: TOKEN_ROLES.filter((role) => roleRefusal(role, path, def.type) === null),
    session: sessionAccess(path, def),
  }));
}
