import type { Task, TaskStatus } from '@maestro/schemas';
import type { WriteInput, WritePath } from '../offline/writes';

export type MoveCall = { path: 'task.block'; input: WriteInput<'task.block'> } | { path: 'task.update'; input: WriteInput<'task.update'> };

/**
 * The call a move makes. Blocking needs a reason, so it is task.block; every
 * other move is task.update with the status and the version the card showed, so
 * a card that was stale (someone moved it meanwhile) is refused with
 * VERSION_CONFLICT instead of overwriting their change. The server's
 * transition rules decide; the board never second-guesses them.
 */
export function moveCall(task: Task, to: TaskStatus, reason?: string): MoveCall {
  if (to === 'blocked') return { path: 'task.block', input: { id: task.id, reason: reason ?? '' } };
  return { path: 'task.update', input: { id: task.id, status: to, expectedVersion: task.version } };
}

export const moveLabel = (task: Task, to: TaskStatus): string => `Move “${task.title}” to ${to.replace('_', ' ')}`;

export type MovePath = Extract<WritePath, MoveCall['path']>;
