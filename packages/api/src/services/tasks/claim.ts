import { claimNextReady, countReady, findTask, incompleteDependencies, toTask, updateTaskRow, type TaskRow } from '@maestro/db';
import type { Task, taskClaimInput } from '@maestro/schemas';
import { MaestroError, notFound } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { requireProject } from '../projects.js';
import { emitTaskUpdated, requireTask, transitionError } from './shared.js';
import type { z } from 'zod';

/** Rows skipped because a concurrent claimer holds them can make a pass come back empty; try again. */
const MAX_PASSES = 8;

async function lockGiven(scope: MutationScope, projectId: string, id: string, claimant: string): Promise<TaskRow | 'mine'> {
  const row = await findTask(scope.tx, { id, forUpdate: true });
  if (!row || row.projectId !== projectId) {
    // A missing project is named first, as everywhere else.
    await requireProject(scope.tx, projectId);
    throw row ? notFound('task', id, `Task ${id} is not in project ${projectId}.`) : notFound('task', id);
  }
  if (row.status === 'in_progress' && row.assignee === claimant) return 'mine';
  if (row.status !== 'todo') {
    if (row.assignee) {
      throw new MaestroError('ALREADY_CLAIMED', `Task ${id} is already claimed by ${row.assignee} (${row.status})`, {
        hint: 'Claim another task, or run `maestro task claim` for the next ready one.',
        details: { assignee: row.assignee, status: row.status },
      });
    }
    throw transitionError(row, 'in_progress');
  }
  const waiting = await incompleteDependencies(scope.tx, { taskId: id });
  if (waiting.length > 0) {
    throw new MaestroError('DEPENDENCIES_INCOMPLETE', `Task ${id} waits for: ${waiting.map((t) => t.id).join(', ')}`, {
      hint: 'Claim a ready task instead (`maestro task ready`).',
      details: { waitingFor: waiting.map(toTask) },
    });
  }
  return row;
}

async function claimNext(scope: MutationScope, projectId: string, claimant: string): Promise<{ before: TaskRow; after: TaskRow }> {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const claimed = await claimNextReady(scope.tx, { projectId, claimant });
    if (claimed) return claimed;
    if ((await countReady(scope.tx, { projectId })) === 0) break;
  }
  // Only now: a claim that finds a task needs no separate read of its project.
  await requireProject(scope.tx, projectId);
  throw new MaestroError('NOTHING_READY', `No ready task in project ${projectId}`, {
    hint: 'Every todo task is waiting on a dependency, or there are none. See `maestro status`.',
  });
}

/**
 * Takes a given task, or the next ready one by priority, for `claimant`.
 * Row locks (SKIP LOCKED for the queue) make each task go to exactly one
 * claimer however many race.
 */
export async function claimTask(scope: MutationScope, input: z.output<typeof taskClaimInput>): Promise<Task> {
  if (!input.id) {
    const { before, after } = await claimNext(scope, input.projectId, input.claimant);
    await emitTaskUpdated(scope, before, after, 'claim');
    return toTask(after);
  }
  const locked = await lockGiven(scope, input.projectId, input.id, input.claimant);
  if (locked === 'mine') return toTask(await requireTask(scope.tx, input.id));
  const after = await updateTaskRow(scope.tx, {
    id: locked.id,
    values: {
      status: 'in_progress',
      assignee: input.claimant,
      startedAt: locked.startedAt ?? new Date(),
    },
  });
  await emitTaskUpdated(scope, locked, after, 'claim');
  return toTask(after);
}
