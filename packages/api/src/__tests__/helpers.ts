import { tables } from '@maestro/db';
import type { ErrorCode, EventType, MaestroEvent } from '@maestro/schemas';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { expect } from 'vitest';
import { ZodError } from 'zod';
import { MaestroError, toErrorBody } from '../errors.js';
import type { Harness } from '../testing/harness.js';

/** The tRPC code each Maestro code must travel as; kept here so a drift in errors.ts fails a test. */
export const TRPC_CODE_OF: Partial<Record<ErrorCode, string>> = {
  VALIDATION: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  VERSION_CONFLICT: 'CONFLICT',
  INVALID_TRANSITION: 'CONFLICT',
  CYCLE: 'CONFLICT',
  ALREADY_EXISTS: 'CONFLICT',
  HAS_CHILDREN: 'CONFLICT',
  DEPENDENCIES_INCOMPLETE: 'CONFLICT',
  CHILDREN_INCOMPLETE: 'CONFLICT',
  NOTHING_READY: 'NOT_FOUND',
  ALREADY_CLAIMED: 'CONFLICT',
  IDEMPOTENCY_MISMATCH: 'CONFLICT',
  OUTPUT_GAP: 'CONFLICT',
  NOT_CONTROLLER: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  LIMIT_REACHED: 'CONFLICT',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

/** Awaits a call that must fail, and returns what it threw. */
export async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Asserts a call fails with the given Maestro code, travelling as the matching
 * tRPC code, with a cause of the right kind. Returns the client-facing body.
 */
export async function expectCode(call: Promise<unknown>, code: ErrorCode) {
  const error = await failure(call);
  expect(error).toBeInstanceOf(TRPCError);
  const err = error as TRPCError;
  const body = toErrorBody(err);
  expect(body.code, `${body.code}: ${body.message}`).toBe(code);
  expect(err.code).toBe(TRPC_CODE_OF[code]);
  expect(err.code).not.toBe('INTERNAL_SERVER_ERROR');
  if (code === 'VALIDATION') {
    expect(err.cause instanceof ZodError || err.cause instanceof MaestroError).toBe(true);
  } else if (code !== 'UNAUTHORIZED') {
    expect(err.cause).toBeInstanceOf(MaestroError);
    expect((err.cause as MaestroError).code).toBe(code);
  }
  return { error: err, body, cause: err.cause as MaestroError };
}

let seq = 0;
/** A name unique within this process, for project names that must not collide. */
export function unique(prefix: string): string {
  return `${prefix}-${process.pid}-${++seq}-${Date.now().toString(36)}`;
}

export function newProject(h: Harness, name = unique('proj')) {
  return h.caller.project.create({ name, workingDir: '/tmp/maestro' });
}

/** Every event matching the filter, paging through with afterId. */
export async function allEvents(h: Harness, filter: { projectId?: string; taskId?: string; types?: EventType[] }) {
  const out: MaestroEvent[] = [];
  let afterId: number | undefined;
  for (;;) {
    const page = await h.caller.events.list({ ...filter, afterId, limit: 500 });
    out.push(...page.items);
    if (page.nextAfterId === null) return out;
    afterId = page.nextAfterId;
  }
}

/** Row counts straight from the tables (one round trip), to prove a failed call left nothing behind. */
export async function rowCounts(h: Harness) {
  const count = (table: PgTable) => sql<number>`(select count(*)::int from ${table})`;
  const [row] = await h.db
    .select({
      projects: count(tables.projects),
      tasks: count(tables.tasks),
      deps: count(tables.taskDependencies),
      events: count(tables.events),
      keys: count(tables.idempotencyKeys),
    })
    .from(sql`(select 1) as one`);
  return row!;
}
