import type { ErrorBody, ErrorCode } from '@maestro/schemas';
import { MaestroError } from '@maestro/schemas/maestro-error';

/** A failure with a stable code: the one error class of API and CLI; commands throw it and the runner prints it and picks the exit code. */
export { MaestroError as CliError };

export const EXIT = {
  ok: 0,
  usage: 1,
  notFound: 2,
  network: 3,
  unauthorized: 4,
  conflict: 5,
  spawn: 6,
  rateLimited: 7,
} as const;

const EXIT_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: EXIT.usage,
  NOT_FOUND: EXIT.notFound,
  NOTHING_READY: EXIT.notFound,
  NETWORK: EXIT.network,
  // The server answered but its database is away: as unreachable as a dead server, and as worth retrying.
  UNAVAILABLE: EXIT.network,
  UNAUTHORIZED: EXIT.unauthorized,
  FORBIDDEN: EXIT.unauthorized,
  VERSION_CONFLICT: EXIT.conflict,
  INVALID_TRANSITION: EXIT.conflict,
  CYCLE: EXIT.conflict,
  ALREADY_EXISTS: EXIT.conflict,
  HAS_CHILDREN: EXIT.conflict,
  DEPENDENCIES_INCOMPLETE: EXIT.conflict,
  CHILDREN_INCOMPLETE: EXIT.conflict,
  ALREADY_CLAIMED: EXIT.conflict,
  IDEMPOTENCY_MISMATCH: EXIT.conflict,
  OUTPUT_GAP: EXIT.conflict,
  NOT_CONTROLLER: EXIT.conflict,
  SPAWN_FAILED: EXIT.spawn,
  // A capacity a person must change (every runner full): not a conflict of versions, but as final as one.
  LIMIT_REACHED: EXIT.conflict,
  RATE_LIMITED: EXIT.rateLimited,
  // A batch or an answer over the server's limits: the call must be made smaller, as with bad input.
  TOO_LARGE: EXIT.usage,
  // A server bug or an unexpected failure in the CLI: not the caller's input, but nothing more specific fits.
  INTERNAL: EXIT.usage,
};

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_BY_CODE[code];
}

/** The exit codes as `--help` and docs/cli.md list them. */
export const EXIT_CODE_HELP: readonly [number, string][] = [
  [0, 'ok'],
  [1, 'usage or validation error (VALIDATION), a request or answer over a server limit (TOO_LARGE), or an internal error'],
  [2, 'not found (NOT_FOUND, NOTHING_READY)'],
  [3, 'server unreachable, network failure or database unavailable (NETWORK, UNAVAILABLE), after retries'],
  [4, 'unauthorized (UNAUTHORIZED, FORBIDDEN)'],
  [5, 'conflict: version, transition, cycle, already claimed/exists, incomplete dependencies or children, a full capacity (LIMIT_REACHED)'],
  [6, 'spawn failure (SPAWN_FAILED: `maestro session spawn --wait` saw the session fail)'],
  [7, 'rate limited (RATE_LIMITED), after waiting and retrying as the server asked'],
];

/** Every code has an exit code, so the table doubles as the list of known codes (no zod at start-up). */
function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(EXIT_BY_CODE, value);
}

interface ClientErrorLike {
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  data?: { maestro?: unknown; httpStatus?: unknown; code?: unknown } | null;
  meta?: { response?: { status?: unknown } } | null;
}

/** Node's errno code of a failed connection (ECONNREFUSED, ECONNRESET, …), looking through causes. */
export function networkCause(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    // The client's request timeout (a frozen server, a silent path).
    if ((e as { name?: unknown }).name === 'TimeoutError') return 'no answer in time';
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /socket hang up|fetch failed|ECONN|EPIPE/.test(message)) return message;
  }
  return undefined;
}

export interface ErrorContext {
  /** The server URL the command tried. */
  url: string;
  /** Where the token came from, for an actionable UNAUTHORIZED hint. */
  tokenSource: string;
}

function serverBody(maestro: Record<string, unknown>): ErrorBody | undefined {
  if (!isErrorCode(maestro.code) || typeof maestro.message !== 'string') return undefined;
  return {
    code: maestro.code,
    message: maestro.message,
    hint: typeof maestro.hint === 'string' ? maestro.hint : undefined,
    details: maestro.details,
  };
}

export function networkError(ctx: ErrorContext, cause: string): MaestroError {
  return new MaestroError('NETWORK', `Cannot reach the Maestro server at ${ctx.url} (${cause})`, {
    hint:
      'Start it with `npm start` in the Maestro repository (or `node apps/server/dist/main.js`), ' +
      'or point the CLI at a running one with --server <url>, MAESTRO_API_URL or `maestro config --set apiUrl=<url>`.',
    details: { url: ctx.url, cause },
  });
}

function unauthorizedHint(ctx: ErrorContext): string {
  return (
    `The token (${ctx.tokenSource}) was refused by ${ctx.url}. Pass the server's token with --token, MAESTRO_TOKEN ` +
    'or `maestro config --set token=<token>`; a local server keeps it in ~/.maestro/data/token.'
  );
}

/**
 * The one mapping from anything a command throws to the error body printed:
 * our own MaestroErrors as they are, server errors by their Maestro code,
 * connection failures as NETWORK with the URL tried, and anything else as INTERNAL.
 */
export function toErrorBody(error: unknown, ctx: ErrorContext | undefined): ErrorBody {
  if (error instanceof MaestroError) return error.toBody();
  const e = (error ?? {}) as ClientErrorLike;
  const maestro = e.data?.maestro;
  if (maestro && typeof maestro === 'object') {
    const body = serverBody(maestro as Record<string, unknown>);
    if (body && body.code === 'UNAUTHORIZED' && ctx) return { ...body, hint: unauthorizedHint(ctx) };
    if (body) return body;
  }
  const status = typeof e.data?.httpStatus === 'number' ? e.data.httpStatus : e.meta?.response?.status;
  if (status === 401 && ctx) return { code: 'UNAUTHORIZED', message: 'Missing or invalid token', hint: unauthorizedHint(ctx) };
  const cause = networkCause(error);
  if (cause && ctx && !e.data) return networkError(ctx, cause).toBody();
  if (typeof status === 'number' && status >= 500) {
    return {
      code: 'INTERNAL',
      message: `The server at ${ctx?.url ?? 'the configured URL'} failed (HTTP ${status})`,
      hint: 'Check the server log; set MAESTRO_DEBUG=1 for details.',
    };
  }
  const message = typeof e.message === 'string' && e.message ? e.message : String(error);
  return { code: 'INTERNAL', message, hint: 'Unexpected error; set MAESTRO_DEBUG=1 to see the stack trace.' };
}
