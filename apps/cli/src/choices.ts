import { TASK_PRIORITIES, TASK_STATUSES } from '@maestro/schemas';

/** Argument definitions whose choices come from the shared enums. */
export const priorityArg = {
  type: 'string',
  valueHint: TASK_PRIORITIES.join('|'),
  description: `Priority: ${TASK_PRIORITIES.join(', ')}`,
} as const;

export const statusArg = {
  type: 'string',
  valueHint: TASK_STATUSES.join('|'),
  description: `Status: ${TASK_STATUSES.join(', ')}`,
} as const;

export const statusListArg = {
  type: 'string',
  valueHint: 'status,…',
  description: `Only these statuses, comma-separated: ${TASK_STATUSES.join(', ')}`,
} as const;

export const priorityListArg = {
  type: 'string',
  valueHint: 'priority,…',
  description: `Only these priorities, comma-separated: ${TASK_PRIORITIES.join(', ')}`,
} as const;
