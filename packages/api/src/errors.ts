import { ERROR_CODES, MaestroError, type ErrorBody, type ErrorCode } from '@maestro/schemas';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';

export { MaestroError };

export function notFound(kind: string, id: string, hint?: string): MaestroError {
  return new MaestroError('NOT_FOUND', `${kind} ${id} not found`, {
    hint: hint ?? `List what exists with \`maestro ${kind} list\` and check the id.`,
    details: { kind, id },
  });
}

const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  VALIDATION: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  VERSION_CONFLICT: 'CONFLICT',
  INVALID_TRANSITION: 'CONFLICT',
  CYCLE: 'CONFLICT',
  ALREADY_EXISTS: 'CONFLICT',
  HAS_CHILDREN: 'CONFLICT',
  DEPENDENCIES_INCOMPLETE: 'CONFLICT',
  CHILDREN_INCOMPLETE: 'CONFLICT',
  NOTHING_READY: 'NOT_FOUND',
  ALREADY_CLAIMED: 'CONFLICT',
  IDEMPOTENCY_MISMATCH: 'CONFLICT',
  OUTPUT_GAP: 'CONFLICT',
  NOT_CONTROLLER: 'CONFLICT',
  SPAWN_FAILED: 'INTERNAL_SERVER_ERROR',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  LIMIT_REACHED: 'CONFLICT',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  NETWORK: 'INTERNAL_SERVER_ERROR',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export function toTRPCError(error: MaestroError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
}

/** The HTTP status a code is answered with (docs/troubleshooting.md lists them). */
export function httpStatusOf(code: ErrorCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: TRPC_CODE[code] }));
}

function describeZodIssues(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/**
 * The one mapping from any thrown error to the body clients see. Unknown
 * errors become INTERNAL without their message, so nothing internal leaks.
 */
export function toErrorBody(error: TRPCError): ErrorBody {
  const cause = error.cause;
  if (cause instanceof MaestroError) return cause.toBody();
  if (cause instanceof ZodError) {
    return {
      code: 'VALIDATION',
      message: `Invalid input: ${describeZodIssues(cause)}`,
      hint: 'Fix the fields named above; `--help` on the command lists what each accepts.',
      details: { issues: cause.issues },
    };
  }
  switch (error.code) {
    case 'UNAUTHORIZED':
      return { code: 'UNAUTHORIZED', message: error.message, hint: 'Pass a valid token (MAESTRO_TOKEN or --token).' };
    case 'FORBIDDEN':
      return { code: 'FORBIDDEN', message: error.message };
    case 'NOT_FOUND':
      return { code: 'NOT_FOUND', message: error.message };
    default:
      // Any other 4xx (parse error, payload too large, wrong method or media type) is the caller's input.
      if (getHTTPStatusCodeFromError(error) < 500) return { code: 'VALIDATION', message: error.message };
      return { code: 'INTERNAL', message: 'Internal server error', hint: 'This is a bug in Maestro; the server log has the details.' };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Postgres SQLSTATE of a driver error; Drizzle wraps driver errors in `cause`. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
