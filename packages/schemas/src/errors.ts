import { z } from 'zod';

/**
 * Stable error codes. Clients branch on these (the CLI maps them to exit codes),
 * so a code is never renamed; add new ones instead.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'VERSION_CONFLICT',
  'INVALID_TRANSITION',
  'CYCLE',
  'ALREADY_EXISTS',
  'HAS_CHILDREN',
  'DEPENDENCIES_INCOMPLETE',
  'CHILDREN_INCOMPLETE',
  'NOTHING_READY',
  'ALREADY_CLAIMED',
  'IDEMPOTENCY_MISMATCH',
  /** Terminal output that would leave a hole in a session's stored chunks. */
  'OUTPUT_GAP',
  /** A terminal resize from a viewer that does not hold the session's size control. */
  'NOT_CONTROLLER',
  'SPAWN_FAILED',
  /** Too many calls from one token in a short time: wait `details.retryAfterMs` and retry. */
  'RATE_LIMITED',
  /** A configured capacity is full (e.g. every runner runs its maximum of sessions): a person must act. */
  'LIMIT_REACHED',
  /**
   * A request or its answer is over a server limit (calls in one batch, bytes of
   * one answer): nothing was done for the refused calls; split them into smaller
   * ones. `details.limit` names the limit.
   */
  'TOO_LARGE',
  /** The server is up but its database is not (an outage, a restart): retry later; nothing was written. */
  'UNAVAILABLE',
  'NETWORK',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What every error carries beyond its message, on the wire and in `--json` output. */
export const errorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  hint: z.string().optional(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;
