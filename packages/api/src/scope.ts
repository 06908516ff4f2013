import { findSession, findTasks, type Queryable } from '@maestro/db';
import type { z } from 'zod';
import type { Auth } from './auth.js';
import { MaestroError } from './errors.js';

/**
 * What a session token (a spawned agent's) may do with a procedure: never
 * call it, call it on its own project, or call it and see only its own
 * project. Every procedure declares one (a test walks the router for it).
 */
export type SessionAccess = 'refused' | 'own project' | 'own project (filtered)';

/** The ids in a procedure's validated input that belong to a project; absent ones are skipped. */
export interface ProjectRefs {
  projectIds?: readonly (string | null | undefined)[];
  taskIds?: readonly (string | null | undefined)[];
  sessionIds?: readonly (string | null | undefined)[];
}

/** How a procedure's project is resolved: `schema` is the procedure's input, `refs` reads it after validation. */
export interface ScopeDeclaration {
  access: SessionAccess;
  schema?: z.ZodType;
}

type ScopeContext = { ctx: { db: Queryable; auth: Auth | null } };
/** A tRPC middleware (`.use(…)`); generic in what `next` resolves to, so it fits any procedure. */
type ScopeMiddleware<I> = <R>(opts: ScopeContext & { path: string; input: I; next: () => Promise<R> }) => Promise<R>;

const declarations = new WeakMap<object, ScopeDeclaration>();

function declare<M extends object>(middleware: M, declaration: ScopeDeclaration): M {
  declarations.set(middleware, declaration);
  return middleware;
}

/** The scope declarations among a procedure's middlewares (tRPC keeps `.use()` functions by identity). */
export function declarationsOf(middlewares: readonly unknown[]): ScopeDeclaration[] {
  return middlewares.flatMap((m) => {
    const found = typeof m === 'function' ? declarations.get(m) : undefined;
    return found ? [found] : [];
  });
}

const present = (ids: readonly (string | null | undefined)[] | undefined): string[] =>
  (ids ?? []).filter((id): id is string => typeof id === 'string' && id !== '');

/** Every project the refs name, directly or through a task or session. Unknown ids name none: the service reports them. */
async function projectsOf(db: Queryable, refs: ProjectRefs): Promise<Set<string>> {
  const found = new Set(present(refs.projectIds));
  const taskIds = present(refs.taskIds);
  if (taskIds.length > 0) for (const task of await findTasks(db, { ids: taskIds })) found.add(task.projectId);
  for (const id of present(refs.sessionIds)) {
    const session = await findSession(db, { id });
    if (session) found.add(session.projectId);
  }
  return found;
}

/**
 * A session token reaches only its own project. The refused project is never
 * named (a foreign id must not learn the caller anything); a call that names
 * no project at all must name one, unless the procedure narrows itself.
 */
async function assertInScope(db: Queryable, auth: Auth, refs: ProjectRefs, filtered: boolean): Promise<void> {
  if (auth.kind !== 'session') return;
  const projects = await projectsOf(db, refs);
  if ([...projects].some((p) => p !== auth.projectId)) {
    throw new MaestroError('FORBIDDEN', `This session's token is limited to project ${auth.projectId}`, {
      hint: 'A spawned agent works only on its own project.',
    });
  }
  if (projects.size === 0 && !filtered) {
    throw new MaestroError('FORBIDDEN', `Say which project (${auth.projectId}): a session token cannot read across projects`, {
      hint: 'Pass projectId (the CLI does it from MAESTRO_PROJECT_ID).',
    });
  }
}

function checking<S extends z.ZodType>(schema: S, refs: (input: z.output<S>) => ProjectRefs, filtered: boolean): ScopeMiddleware<z.output<S>> {
  const middleware: ScopeMiddleware<z.output<S>> = async ({ ctx, input, next }) => {
    if (ctx.auth) await assertInScope(ctx.db, ctx.auth, refs(input), filtered);
    return next();
  };
  return declare(middleware, { access: filtered ? 'own project (filtered)' : 'own project', schema });
}

/**
 * Declares which project a call touches, from its validated input: a session
 * token may call it only when every project `refs` names is its own. Read
 * after validation, so a key the schema does not know never reaches it.
 * `schema` is the procedure's own input (the router walk test checks it).
 */
export function inProject<S extends z.ZodType>(schema: S, refs: (input: z.output<S>) => ProjectRefs): ScopeMiddleware<z.output<S>> {
  return checking(schema, refs, false);
}

/**
 * As inProject, for a read that narrows itself to a session token's project
 * (its handler uses `ownProject`/`visibleProject`): naming no project is fine,
 * naming another is not.
 */
export function narrowedToProject<S extends z.ZodType>(schema: S, refs: (input: z.output<S>) => ProjectRefs): ScopeMiddleware<z.output<S>> {
  return checking(schema, refs, true);
}

/** For a read without input that narrows itself to a session token's project. */
export const narrowsItself: ScopeMiddleware<unknown> = declare(async ({ next }) => next(), { access: 'own project (filtered)' });

/** Refuses session tokens outright, with why and what to do instead. */
export function refuseSessions(message: string, hint?: (auth: Extract<Auth, { kind: 'session' }>) => string): ScopeMiddleware<unknown> {
  return declare(
    async ({ ctx, next }) => {
      if (ctx.auth?.kind === 'session') throw new MaestroError('FORBIDDEN', message, hint ? { hint: hint(ctx.auth) } : {});
      return next();
    },
    { access: 'refused' },
  );
}

/** The one project a caller is held to: a session token's own; undefined for every other caller. */
export function ownProject(auth: Auth): string | undefined {
  return auth.kind === 'session' ? auth.projectId : undefined;
}

/** The project a self-narrowing read lists: a session token's own whatever it asked, else what was asked. */
export function visibleProject(auth: Auth, requested: string | undefined): string | undefined {
  return ownProject(auth) ?? requested;
}
