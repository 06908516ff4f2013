import { isOneOf, type TaskStatus } from './enums.js';

/**
 * The task state machine. `todo → in_progress → in_review → completed` is the
 * happy path; `blocked` and `cancelled` are reachable from any open state, a
 * finished task can be reopened, and `todo → completed` lets a small subtask be
 * ticked off without ceremony.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  todo: ['in_progress', 'completed', 'blocked', 'cancelled'],
  in_progress: ['in_review', 'completed', 'blocked', 'todo', 'cancelled'],
  blocked: ['todo', 'in_progress', 'cancelled'],
  in_review: ['completed', 'in_progress', 'blocked', 'cancelled'],
  completed: ['todo', 'in_progress'],
  cancelled: ['todo'],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

/** Statuses that count as finished for dependencies and for a parent's completion. */
export const DONE_STATUSES = ['completed', 'cancelled'] as const satisfies readonly TaskStatus[];
export type DoneStatus = (typeof DONE_STATUSES)[number];

/** Finished (`completed` or `cancelled`): no longer holds up its dependents or its parent. */
export const isDoneStatus = (value: unknown): value is DoneStatus => isOneOf(DONE_STATUSES, value);
