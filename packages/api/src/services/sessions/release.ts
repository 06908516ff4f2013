import { findTask, listSessions, taskIdsOf, updateTaskRow, type SessionRow } from '@maestro/db';
import { canTransition, isDoneStatus } from '@maestro/schemas';
import type { MutationScope } from '../../mutate.js';
import { emitTaskUpdated } from '../tasks/shared.js';

/** This many spawns in a row on a task that fail before their agent runs block it: nothing retries a broken command forever. */
export const FAILED_STARTS_TO_BLOCK = 3;

type Row = Pick<SessionRow, 'status' | 'error'>;

/**
 * A session that failed before its agent ran: the runner reports an error
 * only when the command could not start (not found, not executable, a bad
 * skill, a worktree or prompt that could not be made); an agent that ran and
 * failed reports an exit code alone.
 */
export const failedToStart = (s: Row) => s.status === 'failed' && s.error !== null;

/** Ended by a person's (or an orchestrator's) stop, not by the agent. */
const stoppedOnPurpose = (s: Row) => s.status === 'stopped';

async function failedStartsInARow(scope: MutationScope, taskId: string): Promise<number> {
  const recent = await listSessions(scope.tx, { taskId, limit: FAILED_STARTS_TO_BLOCK });
  const run = recent.findIndex((s) => !failedToStart(s));
  return run === -1 ? recent.length : run;
}

/**
 * The rule when a session ends, for each task it still holds and did not finish:
 * - it failed before its agent ran, or it was stopped: the task is left as it
 *   was before the spawn (unassigned; `todo` again if the agent had started it),
 *   with why on its timeline, so trying agent commands costs no `task unblock`;
 * - it ran and ended without finishing (or failed to start for the third time
 *   in a row): the task is set `blocked` with a reason naming the session and
 *   how it ended, and unassigned. It leaves the ready queue (nothing respawns
 *   it in a loop) and shows in `maestro status`; `task unblock` returns it.
 */
export async function releaseTasks(scope: MutationScope, session: SessionRow, how: string): Promise<void> {
  const ids = (await taskIdsOf(scope.tx, { sessionIds: [session.id] })).get(session.id) ?? [];
  for (const id of ids) {
    const before = await findTask(scope.tx, { id, forUpdate: true });
    if (!before || before.assignee !== session.id) continue;
    if (isDoneStatus(before.status)) continue;
    const notStarted = failedToStart(session);
    const streak = notStarted ? await failedStartsInARow(scope, id) : 0;
    if (stoppedOnPurpose(session) || (notStarted && streak < FAILED_STARTS_TO_BLOCK)) {
      const back = before.status === 'in_progress' && canTransition('in_progress', 'todo');
      const what = stoppedOnPurpose(session) ? `was stopped (${how})` : `failed before its agent ran (${how})`;
      const reason = `Session ${session.id} ${what}; the task is left ${back ? 'todo' : before.status}, unassigned`;
      const after = await updateTaskRow(scope.tx, { id, values: { assignee: null, ...(back ? { status: 'todo' as const, startedAt: null } : {}) } });
      await emitTaskUpdated(scope, before, after, 'release', reason);
      continue;
    }
    const reason = notStarted
      ? `Session ${session.id} failed before its agent ran (${how}), as did the ${streak - 1} spawns before it: fix the agent command, then unblock`
      : `Session ${session.id} ended (${how}) before completing this task`;
    if (before.status !== 'blocked' && !canTransition(before.status, 'blocked')) continue;
    const after = await updateTaskRow(scope.tx, { id, values: { status: 'blocked', blockedReason: reason, assignee: null, startedAt: null } });
    await emitTaskUpdated(scope, before, after, 'release', reason);
  }
}
