import type { Role } from '@maestro/schemas';
import { ROLES, TASK_PRIORITIES, TASK_STATUSES } from '@maestro/schemas/enums';

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

/** Roles an agent can be spawned (or prompted) as; `system` is a skill's role (maestro-cli), not an agent's. */
export const AGENT_ROLES = ROLES.filter((r): r is Exclude<Role, 'system'> => r !== 'system');
export const agentRoleArg = {
  type: 'string',
  valueHint: AGENT_ROLES.join('|'),
  description: 'worker (default) or orchestrator',
} as const;
