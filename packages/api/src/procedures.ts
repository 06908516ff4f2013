import { TOKEN_ROLES, type TokenRole } from '@maestro/schemas';
import type { z } from 'zod';
import { roleRefusal } from './roles.js';
import { appRouter } from './router.js';
import { SELF_FILTERING } from './scope.js';
import { adminProcedure, protectedProcedure } from './trpc.js';

type ProcedureType = 'query' | 'mutation' | 'subscription';

/** What a session token (a spawned agent's) may do with a procedure. */
export type SessionAccess = 'refused' | 'own project' | 'own project (filtered)';

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

const middlewaresOf = (builder: unknown) => (builder as { _def: { middlewares: unknown[] } })._def.middlewares;
/** What adminProcedure adds to protectedProcedure: the middleware that refuses session tokens. */
const adminOnly = middlewaresOf(adminProcedure).filter((m) => !middlewaresOf(protectedProcedure).includes(m));

/**
 * Every procedure of the router with its schemas and who may call it, read
 * from the router itself so the generated reference (docs/api.md) cannot drift.
 * tRPC keeps `.use()` middlewares by identity: adminProcedure's own one tells admin procedures apart.
 */
export function describeProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  return Object.entries(procedures).map(([path, { _def: def }]) => ({
    path,
    type: def.type,
    input: def.inputs[0],
    output: def.output,
    roles: TOKEN_ROLES.filter((role) => roleRefusal(role, path, def.type) === null),
    session: adminOnly.some((m) => def.middlewares.includes(m)) ? 'refused' : SELF_FILTERING.has(path) ? 'own project (filtered)' : 'own project',
  }));
}
