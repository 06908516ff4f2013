import { AGENTS, SESSION_STATUSES, TASK_PRIORITIES, TASK_STATUSES, ROLES } from '@maestro/schemas';
import { pgEnum } from 'drizzle-orm/pg-core';

export const taskStatusEnum = pgEnum('task_status', TASK_STATUSES);
export const taskPriorityEnum = pgEnum('task_priority', TASK_PRIORITIES);
export const sessionStatusEnum = pgEnum('session_status', SESSION_STATUSES);
export const roleEnum = pgEnum('role', ROLES);
export const agentEnum = pgEnum('agent', AGENTS);
