import { MaestroError } from './errors.js';

/**
 * postgres.js and Node codes of a database that cannot be reached or went away
 * mid-query (stopped, restarting, network cut), as opposed to a query it refused.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * SQLSTATEs of a server going away: connection exceptions (08…), shutdown and
 * start-up (57P01-57P03), too many connections; and of the pool's timeouts
 * (packages/db POOL_TIMEOUTS): a lock waited for too long (55P03, after
 * mutate's retries), a statement cancelled (57014), a transaction left idle
 * and ended (25P03). Each aborted its transaction: nothing was written.
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300|55P03|57014|25P03)$/;

/** True when `error` (or one of its causes) says the database is unreachable, not that the query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  }
  return false;
}

export function databaseUnavailable(): MaestroError {
  return new MaestroError('UNAVAILABLE', 'The database is unavailable; nothing was written', {
    hint: 'The server is running but cannot reach its database (stopped, restarting, or the network to it is cut), or the database did not answer within its time limits (a lock held by a frozen process). Retry in a few seconds; GET /health says when it is back.',
  });
}
