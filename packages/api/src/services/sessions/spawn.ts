import { findTasks, insertSession, newId, updateTaskRow, type TaskRow } from '@maestro/db';
import { isLiveSessionStatus, type Role, type Session, type sessionSpawnInput } from '@maestro/schemas';
import { findSession } from '@maestro/db';
import { MaestroError, notFound } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { requireProject } from '../projects.js';
import { emitTaskUpdated } from '../tasks/shared.js';
import { assertSpawnCapacity } from './capacity.js';
import { sessionView } from './shared.js';
import type { z } from 'zod';

type SpawnInput = z.output<typeof sessionSpawnInput>;

const DEFAULT_SKILL: Record<Role, string | null> = { worker: 'maestro-worker', orchestrator: 'maestro-orchestrator', system: null };

function checkAgent(input: SpawnInput): void {
  if (input.agent === 'custom' && !input.command) {
    throw new MaestroError('VALIDATION', 'A custom agent needs a command', { hint: 'Pass --command "<command line>" with --agent custom.' });
  }
  if (input.agent !== 'custom' && input.command) {
    throw new MaestroError('VALIDATION', `--command is only for --agent custom (got --agent ${input.agent})`, {
      hint: 'Drop --command, or use --agent custom.',
    });
  }
}

async function assertAssignable(scope: MutationScope, task: TaskRow): Promise<void> {
  if (!task.assignee?.startsWith('ses_')) return;
  const holder = await findSession(scope.tx, { id: task.assignee });
  if (holder && isLiveSessionStatus(holder.status)) {
    throw new MaestroError('ALREADY_CLAIMED', `Task ${task.id} is being worked on by session ${holder.id} (${holder.status})`, {
      hint: `Wait for it, or stop it first: maestro session stop ${holder.id}`,
      details: { sessionId: holder.id },
    });
  }
}

/**
 * Records a spawn request: the session row (status `spawning`), its task links
 * and assignments, and `session:spawn_requested` for runners to claim.
 * The session runs in its own git worktree when the input asks for one or any
 * of its tasks has `worktree` set: a task's opt-in cannot be turned off per spawn.
 */
export async function spawnSession(scope: MutationScope, input: SpawnInput): Promise<Session> {
  await assertSpawnCapacity(scope.tx, scope.config);
  checkAgent(input);
  const ids = [...new Set(input.taskIds)];
  const tasks = await findTasks(scope.tx, { ids });
  const missing = ids.filter((id) => !tasks.some((t) => t.id === id));
  if (missing.length > 0) throw notFound('task', missing.join(', '), 'Spawn needs existing tasks: check the ids with `maestro task list`.');
  const projectId = input.projectId ?? tasks[0]!.projectId;
  const foreign = tasks.filter((t) => t.projectId !== projectId);
  if (foreign.length > 0) {
    throw new MaestroError('VALIDATION', `Tasks ${foreign.map((t) => t.id).join(', ')} are not in project ${projectId}`, {
      hint: 'A session works on tasks of one project.',
    });
  }
  await requireProject(scope.tx, projectId);
  for (const task of tasks) await assertAssignable(scope, task);
  const id = newId('session');
  const ordered = ids.map((tid) => tasks.find((t) => t.id === tid)!);
  const row = await insertSession(scope.tx, {
    taskIds: ids,
    values: {
      id,
      projectId,
      name: input.name ?? `${input.role}: ${ordered[0]!.title}`.slice(0, 100),
      role: input.role,
      skill: input.skill ?? DEFAULT_SKILL[input.role],
      agent: input.agent,
      command: input.command ?? null,
      worktree: input.worktree || tasks.some((t) => t.worktree),
      spawnedBy: scope.actor,
      parentSessionId: scope.actor.startsWith('ses_') ? scope.actor : null,
      cols: input.cols,
      rows: input.rows,
    },
  });
  for (const before of ordered) {
    if (before.assignee === id) continue;
    const after = await updateTaskRow(scope.tx, { id: before.id, values: { assignee: id } });
    await emitTaskUpdated(scope, before, after, 'assign', `Assigned to session ${id}`);
  }
  const session = await sessionView(scope.tx, row);
  scope.emit({ type: 'session:spawn_requested', projectId, taskId: null, sessionId: id, payload: { session } });
  return session;
}
