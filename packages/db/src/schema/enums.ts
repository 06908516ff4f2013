import { AGENTS, ATTENTION_SOURCES, ATTENTION_STATES, SESSION_STATUSES, TASK_PRIORITIES, TASK_STATUSES, ROLES, TOKEN_ROLES } from '@maestro/schemas';
import { pgEnum } from 'drizzle-orm/pg-core';

export const taskStatusEnum = pgEnum('task_status', TASK_STATUSES);
export const taskPriorityEnum = pgEnum('task_priority', TASK_PRIORITIES);
export const sessionStatusEnum = pgEnum('session_status', SESSION_STATUSES);
export const roleEnum = pgEnum('role', ROLES);
export const agentEnum = pgEnum('agent', AGENTS);
export const attentionStateEnum = pgEnum('attention_state', ATTENTION_STATES);
export const attentionSourceEnum = pgEnum('attention_source', ATTENTION_SOURCES);
export const tokenRoleEnum = pgEnum('token_role', TOKEN_ROLES);
