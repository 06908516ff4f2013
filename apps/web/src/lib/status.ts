import { TASK_STATUSES, type SessionStatus, type TaskPriority, type TaskStatus } from '@maestro/schemas';

/** Board columns, left to right. */
export const TASK_STATUS_ORDER: readonly TaskStatus[] = TASK_STATUSES;

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  todo: 'Todo',
  in_progress: 'In progress',
  blocked: 'Blocked',
  in_review: 'In review',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Tailwind classes of a status's dot/chip colour (tokens from globals.css). */
export const TASK_STATUS_TONE: Record<TaskStatus, string> = {
  todo: 'bg-muted',
  in_progress: 'bg-info',
  blocked: 'bg-danger',
  in_review: 'bg-warn',
  completed: 'bg-ok',
  cancelled: 'bg-border',
};

export const PRIORITY_ORDER: readonly TaskPriority[] = ['urgent', 'high', 'medium', 'low'];
export const PRIORITY_LABEL: Record<TaskPriority, string> = { urgent: 'Urgent', high: 'High', medium: 'Medium', low: 'Low' };

export const SESSION_STATUS_TONE: Record<SessionStatus, string> = {
  spawning: 'bg-warn',
  active: 'bg-ok',
  completed: 'bg-info',
  failed: 'bg-danger',
  stopped: 'bg-muted',
  lost: 'bg-danger',
};
