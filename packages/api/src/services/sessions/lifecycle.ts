import { randomBytes } from 'node:crypto';
import { claimSpawn, updateSessionRow, type SessionRow } from '@maestro/db';
import {
  isEndedSessionStatus,
  type RunnerClaimOutput,
  type Session,
  type SessionStatus,
  type runnerClaimInput,
  type runnerExitInput,
  type runnerStartedInput,
  type sessionStopInput,
} from '@maestro/schemas';
import { hashToken } from '../../auth.js';
import { MaestroError } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { getProject } from '../projects.js';
import { getTaskDetail } from '../tasks/reads.js';
import { endedAttention, startedAttention } from './attention.js';
import { assertRunnerHasRoom } from './capacity.js';
import { releaseTasks } from './release.js';
import { assertRunner, emitSessionUpdated, requireSession, sessionView } from './shared.js';
import type { z } from 'zod';

/**
 * Atomic: of any number of runners racing for one request, exactly one gets it
 * (and its token). The winner may claim it again until it reports it started:
 * an answer lost on the way must not leave the request spawning for ever.
 */
export async function claimSpawnRequest(scope: MutationScope, input: z.output<typeof runnerClaimInput>): Promise<RunnerClaimOutput> {
  // A full runner leaves the request to another runner with room.
  await assertRunnerHasRoom(scope.tx, scope.config, input.runnerId, input.sessionId);
  const before = await requireSession(scope.tx, input.sessionId);
  const token = `mst_${randomBytes(32).toString('base64url')}`;
  const after = await claimSpawn(scope.tx, { ...input, tokenHash: hashToken(token) });
  if (!after) {
    throw new MaestroError(
      'ALREADY_CLAIMED',
      `Spawn request ${input.sessionId} was taken by runner ${before.runnerId ?? '(none)'} or is no longer spawning (${before.status})`,
    );
  }
  const again = before.runnerId === input.runnerId;
  const session = await emitSessionUpdated(scope, before, after, `claimed by runner ${input.runnerId}${again ? ' again (its first answer was lost)' : ''}`);
  const project = await getProject(scope.tx, after.projectId);
  const tasks = await Promise.all(session.taskIds.map((id) => getTaskDetail(scope.tx, id)));
  return { session, token, project, tasks };
}

export async function reportStarted(scope: MutationScope, input: z.output<typeof runnerStartedInput>): Promise<Session> {
  const before = await requireSession(scope.tx, input.sessionId, { forUpdate: true });
  assertRunner(before, input.runnerId);
  if (before.status !== 'spawning') return sessionView(scope.tx, before);
  const after = await updateSessionRow(scope.tx, {
    id: before.id,
    values: {
      status: 'active',
      pid: input.pid,
      workingDir: input.workingDir,
      branch: input.branch,
      startedAt: new Date(),
      // An agent or hook that spoke before this report (a fast one) keeps its word.
      ...(before.attention ? {} : startedAttention()),
    },
  });
  return emitSessionUpdated(scope, before, after);
}

/** Ends a session: status from how it ended, token revoked, unfinished tasks released. */
export async function endSession(
  scope: MutationScope,
  before: SessionRow,
  outcome: { status: SessionStatus; exitCode?: number | null; signal?: string | null; error?: string | null },
): Promise<Session> {
  const how = outcome.error ?? (outcome.exitCode !== null && outcome.exitCode !== undefined ? `${outcome.status}, exit ${outcome.exitCode}` : outcome.status);
  const after = await updateSessionRow(scope.tx, {
    id: before.id,
    values: {
      ...endedAttention(how),
      status: outcome.status,
      exitCode: outcome.exitCode ?? null,
      signal: outcome.signal ?? null,
      error: outcome.error ?? null,
      endedAt: new Date(),
      tokenHash: null,
    },
  });
  await releaseTasks(scope, after, how);
  return emitSessionUpdated(scope, before, after, how);
}

export async function reportExit(scope: MutationScope, input: z.output<typeof runnerExitInput>): Promise<Session> {
  const before = await requireSession(scope.tx, input.sessionId, { forUpdate: true });
  assertRunner(before, input.runnerId);
  // A late report after `lost` still tells the truth about how it ended; a repeat changes nothing.
  if (isEndedSessionStatus(before.status) && before.status !== 'lost') return sessionView(scope.tx, before);
  const status: SessionStatus = before.stopRequestedAt ? 'stopped' : input.exitCode === 0 && !input.error ? 'completed' : 'failed';
  return endSession(scope, before, { status, exitCode: input.exitCode, signal: input.signal, error: input.error });
}

/**
 * SIGTERM then SIGKILL after a grace period, done by the runner. A session no
 * runner has started yet just ends: nothing runs to signal, and a runner that
 * claimed it and starts it late finds it ended (its heartbeat stops the agent).
 */
export async function stopSession(scope: MutationScope, input: z.output<typeof sessionStopInput>): Promise<Session> {
  const { id } = input;
  const before = await requireSession(scope.tx, id, { forUpdate: true });
  if (isEndedSessionStatus(before.status)) return sessionView(scope.tx, before);
  if (before.status === 'spawning' || !before.runnerId) return endSession(scope, before, { status: 'stopped', error: 'stopped before a runner started it' });
  const after = await updateSessionRow(scope.tx, { id, values: { stopRequestedAt: before.stopRequestedAt ?? new Date() } });
  await scope.commands.publish(before.runnerId, { kind: 'stop', sessionId: id });
  return emitSessionUpdated(scope, before, after, 'stop requested');
}
