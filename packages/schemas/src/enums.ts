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
export type LiveSessionStatus = (typeof LIVE_SESSION_STATUSES)[number];

export const ROLES = ['system', 'worker', 'orchestrator'] as const;
export type Role = (typeof ROLES)[number];

/** Agent adapters a session can run; `custom` runs any command through the user's shell. */
export const AGENTS = ['claude', 'codex', 'gemini', 'custom'] as const;
export type Agent = (typeof AGENTS)[number];

/** Sessions in these states are over: their process has exited or is gone. */
export const ENDED_SESSION_STATUSES = ['completed', 'failed', 'stopped', 'lost'] as const satisfies readonly SessionStatus[];
export type EndedSessionStatus = (typeof ENDED_SESSION_STATUSES)[number];

/**
 * What a session needs from a person, beside its lifecycle status: `working`,
 * `needs_input` (it asked something), `idle` (waiting, nothing asked), and
 * `unseen` for a session that ended and nobody has looked at since.
 */
export const ATTENTION_STATES = ['working', 'needs_input', 'idle', 'unseen'] as const;
export type AttentionState = (typeof ATTENTION_STATES)[number];

/** States a live session (or its agent, hooks and runner) can report; `unseen` is the server's alone. */
export const SIGNAL_STATES = ['working', 'needs_input', 'idle'] as const satisfies readonly AttentionState[];
export type SignalState = (typeof SIGNAL_STATES)[number];

/**
 * Where an attention state came from: the agent said so (`maestro session
 * needs-input`), its tool's hook did, the runner inferred it from the terminal
 * (silence, output, typed input), or the server set it (the session ended).
 */
export const ATTENTION_SOURCES = ['agent', 'hook', 'heuristic', 'system'] as const;
export type AttentionSource = (typeof ATTENTION_SOURCES)[number];

/** What the inbox lists, most urgent first. */
export const INBOX_KINDS = ['needs_input', 'failed', 'blocked', 'finished'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/**
 * What a named API token may do: `admin` everything (tokens too), `member` the
 * tracker and sessions but not the runner's side, `runner` only `runner.*`,
 * `readonly` only reads. The server token is the owner's and can do everything.
 */
export const TOKEN_ROLES = ['admin', 'member', 'runner', 'readonly'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/**
 * Whether `value` is one of `list`, as a type guard: a form value, a URL
 * parameter or a row's status narrows without a cast (`includes` on an
 * `as const` array refuses a plain string).
 */
export function isOneOf<const T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export const isTaskStatus = (value: unknown): value is TaskStatus => isOneOf(TASK_STATUSES, value);
export const isTaskPriority = (value: unknown): value is TaskPriority => isOneOf(TASK_PRIORITIES, value);
export const isAgent = (value: unknown): value is Agent => isOneOf(AGENTS, value);
/** Still owns a process, or is about to (`spawning`, `active`). */
export const isLiveSessionStatus = (value: unknown): value is LiveSessionStatus => isOneOf(LIVE_SESSION_STATUSES, value);
/** Over: the process has exited or is gone. */
export const isEndedSessionStatus = (value: unknown): value is EndedSessionStatus => isOneOf(ENDED_SESSION_STATUSES, value);
