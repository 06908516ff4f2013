import { listRunners, listSessions, type Queryable } from '@maestro/db';
import { LIVE_SESSION_STATUSES } from '@maestro/schemas';
import type { ApiConfig } from '../../context.js';
import { MaestroError } from '../../errors.js';

const RAISE_HINT =
  'Stop a session (`maestro session stop <id>`), connect another runner (`maestro runner`), or raise MAESTRO_RUNNER_MAX_SESSIONS on the server.';

/**
 * A spawn is refused up front when runners are connected and every one of them
 * already runs its maximum of sessions: the request would otherwise wait with
 * no runner able to take it. With no runner connected the request waits, as
 * before, for one to start.
 */
export async function assertSpawnCapacity(db: Queryable, config: ApiConfig): Promise<void> {
  const live = (await listRunners(db, { leaseMs: config.runnerLeaseMs, limit: 100 })).filter((r) => r.live);
  if (live.length === 0 || live.some((r) => r.sessions < config.maxSessionsPerRunner)) return;
  throw new MaestroError('LIMIT_REACHED', `Every connected runner already runs its maximum of ${config.maxSessionsPerRunner} sessions`, {
    hint: RAISE_HINT,
    details: { maxSessionsPerRunner: config.maxSessionsPerRunner, runners: live.map((r) => ({ id: r.id, name: r.name, sessions: r.sessions })) },
  });
}

/** A runner may not claim past its maximum; another runner with room takes the request. Claiming `sessionId` again takes no more room. */
export async function assertRunnerHasRoom(db: Queryable, config: ApiConfig, runnerId: string, sessionId: string): Promise<void> {
  const running = await listSessions(db, { runnerId, status: [...LIVE_SESSION_STATUSES], limit: config.maxSessionsPerRunner });
  if (running.filter((s) => s.id !== sessionId).length < config.maxSessionsPerRunner) return;
  throw new MaestroError('LIMIT_REACHED', `Runner ${runnerId} already runs its maximum of ${config.maxSessionsPerRunner} sessions`, {
    hint: RAISE_HINT,
    details: { maxSessionsPerRunner: config.maxSessionsPerRunner, runnerId },
  });
}
