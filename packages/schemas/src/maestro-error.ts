import type { ErrorBody, ErrorCode } from './errors.js';

/**
 * A failure with a stable code, a message a person can act on, and a hint:
 * what the API's domain code throws (answered as the error body) and what the
 * CLI's commands throw (printed, and mapped to an exit code). Free of zod, so
 * the CLI can load it at start-up (`@maestro/schemas/maestro-error`).
 */
export class MaestroError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { hint?: string | undefined; details?: unknown } = {}) {
    super(message);
    this.name = 'MaestroError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** The body clients see: `{ code, message, hint, details }`. */
  toBody(): ErrorBody {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}
