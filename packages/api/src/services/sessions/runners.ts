import { hostname } from 'node:os';
import {
  findSession,
  iso,
  listRunners,
  listSessions,
  newId,
  sessionsOfExpiredRunners,
  touchRunner,
  upsertRunner,
  type Queryable,
  type SessionRow,
} from '@maestro/db';
import { isLiveSessionStatus, LIVE_SESSION_STATUSES, type RunnerListOutput, type runnerHeartbeatInput, type runnerRegisterInput } from '@maestro/schemas';
import type { ApiConfig, ContextInner } from '../../context.js';
import { MaestroError } from '../../errors.js';
import { mutate, type MutationScope } from '../../mutate.js';
import { endSession } from './lifecycle.js';
import type { z } from 'zod';

export async function registerRunner(scope: MutationScope, input: z.output<typeof runnerRegisterInput>) {
  const runnerId = input.runnerId ?? newId('runner');
  await upsertRunner(scope.tx, { id: runnerId, name: input.name, hostname: input.hostname || hostname(), pid: input.pid });
  return { runnerId, leaseMs: scope.config.runnerLeaseMs };
}

const RUNNERS_LISTED = 100;

/** Every runner a dashboard should know of, live ones first; `projectId` narrows the session counts (a session token's view). */
export async function listRunnerInfo(db: Queryable, config: ApiConfig, projectId?: string): Promise<RunnerListOutput> {
  const rows = await listRunners(db, { leaseMs: config.runnerLeaseMs, projectId, limit: RUNNERS_LISTED });
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      hostname: r.hostname,
      pid: r.pid,
      createdAt: iso(r.createdAt),
      lastHeartbeatAt: iso(r.lastHeartbeatAt),
      live: r.live,
      sessions: r.sessions,
    })),
    leaseMs: config.runnerLeaseMs,
  };
}

/**
 * Keeps the runner's lease; answers which of its sessions to stop, which the
 * server no longer counts as its own, and which it holds that the runner does
 * not run (`reconcile`).
 */
export async function heartbeat(scope: MutationScope, input: z.output<typeof runnerHeartbeatInput>) {
  if (!(await touchRunner(scope.tx, { runnerId: input.runnerId }))) {
    throw new MaestroError('NOT_FOUND', `Runner ${input.runnerId} is not registered`, { hint: 'Register again (runner.register).' });
  }
  const mine = await listSessions(scope.tx, { runnerId: input.runnerId, status: [...LIVE_SESSION_STATUSES], limit: 1000 });
  const stop = mine.filter((s) => s.stopRequestedAt).map((s) => s.id);
  const unknown: string[] = [];
  for (const id of input.sessionIds) {
    if (mine.some((s) => s.id === id)) continue;
    const row = await findSession(scope.tx, { id });
    if (!row || row.runnerId !== input.runnerId || !isLiveSessionStatus(row.status)) unknown.push(id);
  }
  const adopt = await reconcile(
    scope,
    input.runnerId,
    mine.filter((s) => !input.sessionIds.includes(s.id)),
  );
  return { stop, unknown, adopt };
}

/**
 * Live sessions the server gives to a runner that does not run them. A spawn
 * request it claimed but never heard back about (the answer was lost) is
 * offered to it again to adopt (it claims it once more); past one lease since
 * its last change the runner had its chances: a request that never started
 * fails (its tasks are released), a session that ran is lost. Returns the ids
 * to adopt.
 */
async function reconcile(scope: MutationScope, runnerId: string, missing: SessionRow[]): Promise<string[]> {
  const adopt: string[] = [];
  const grace = scope.config.runnerLeaseMs;
  for (const candidate of missing) {
    const waited = Date.now() - candidate.updatedAt.getTime();
    if (waited < grace) {
      if (candidate.status === 'spawning') adopt.push(candidate.id);
      continue;
    }
    const row = await findSession(scope.tx, { id: candidate.id, forUpdate: true });
    if (!row || row.runnerId !== runnerId || !isLiveSessionStatus(row.status)) continue;
    const seconds = Math.round(grace / 1000);
    await endSession(
      scope,
      row,
      row.status === 'spawning'
        ? { status: 'failed', error: `runner ${runnerId} claimed it but did not start it within ${seconds} s` }
        : { status: 'lost', error: `runner ${runnerId} no longer runs it (not in its heartbeats for ${seconds} s)` },
    );
  }
  return adopt;
}

/**
 * Marks `lost` the live sessions of runners silent past their lease. Each
 * session ends in its own transaction, with its events. Returns how many.
 */
export async function sweepLostSessions(ctx: ContextInner): Promise<number> {
  const expired = await sessionsOfExpiredRunners(ctx.db, { leaseMs: ctx.config.runnerLeaseMs });
  let lost = 0;
  for (const candidate of expired) {
    await mutate({ ...ctx, actor: 'system' }, { procedure: 'session.sweep', input: {} }, async (scope) => {
      const row = await findSession(scope.tx, { id: candidate.id, forUpdate: true });
      if (!row || !isLiveSessionStatus(row.status) || row.runnerId !== candidate.runnerId) return;
      await endSession(scope, row, {
        status: 'lost',
        error: `runner ${row.runnerId} stopped heart-beating for over ${Math.round(ctx.config.runnerLeaseMs / 1000)} s`,
      });
      lost++;
    });
  }
  return lost;
}
