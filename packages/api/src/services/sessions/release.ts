import { findTask, taskIdsOf, updateTaskRow, type SessionRow } from '@maestro/db';
import { DONE_STATUSES, canTransition } from '@maestro/schemas';
import type { MutationScope } from '../../mutate.js';
import { emitTaskUpdated } from '../tasks/shared.js';

/**
 * The rule when a session ends: each of its tasks that it still holds and did
 * not finish is set `blocked` with a reason naming the session and how it
 * ended, and unassigned. It leaves the ready queue (nothing respawns it in a
 * loop) and shows up in `maestro status` for a person or orchestrator, who
 * unblocks it (back to todo) or re-plans.
 */
export async function releaseTasks(scope: MutationScope, session: SessionRow, how: string): Promise<void> {
  const ids = (await taskIdsOf(scope.tx, [session.id])).get(session.id) ?? [];
  for (const id of ids) {
    const before = await findTask(scope.tx, id, { forUpdate: true });
    if (!before || before.assignee !== session.id) continue;
    if ((DONE_STATUSES as readonly string[]).includes(before.status)) continue;
    const reason = `Session ${session.id} ended (${how}) before completing this task`;
    if (before.status !== 'blocked' && !canTransition(before.status, 'blocked')) continue;
    const after = await updateTaskRow(scope.tx, id, { status: 'blocked', blockedReason: reason, assignee: null, startedAt: null });
    await emitTaskUpdated(scope, before, after, 'release', reason);
  }
}
