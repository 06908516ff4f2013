/**
 * Every enum lives here once, as an `as const` array: the same array feeds
 * `z.enum` (API), `pgEnum` (database) and CLI choices, so they cannot drift.
 */
export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'in_review', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Lowest first; the ready queue and claims take the highest first. */
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const SESSION_STATUSES = ['spawning', 'active', 'completed', 'failed', 'stopped', 'lost'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Sessions in these states still own a process (or are about to). */
export const LIVE_SESSION_STATUSES = ['spawning', 'active'] as const satisfies readonly SessionStatus[];

export const ROLES = ['system', 'worker', 'orchestrator'] as const;
export type Role = (typeof ROLES)[number];

/** Agent adapters a session can run; `custom` runs any command through the user's shell. */
export const AGENTS = ['claude', 'codex', 'gemini', 'custom'] as const;
export type Agent = (typeof AGENTS)[number];

/** Sessions in these states are over: their process has exited or is gone. */
export const ENDED_SESSION_STATUSES = ['completed', 'failed', 'stopped', 'lost'] as const satisfies readonly SessionStatus[];
