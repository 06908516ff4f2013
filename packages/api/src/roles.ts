import type { TokenRole } from '@maestro/schemas';

type ProcedureType = 'query' | 'mutation' | 'subscription';

/** Beyond `runner.*`, what a runner itself calls: a session's state (its retention sweep) and the silence heuristic. */
const RUNNER_ALSO = new Set(['session.get', 'session.attention']);

/**
 * Why a named token of `role` may not call `path`, or null when it may.
 * `runner.list` is a read every role but `runner` may make; the rest of
 * `runner.*` is the runner's side (claims, output, exits).
 */
export function roleRefusal(role: TokenRole, path: string, type: ProcedureType): string | null {
  if (role === 'admin') return null;
  const namespace = path.split('.')[0];
  if (namespace === 'token') return 'Only the server token or an admin token manages tokens';
  if (role === 'runner') return namespace === 'runner' || RUNNER_ALSO.has(path) ? null : 'A runner token can only call runner.* procedures';
  if (namespace === 'runner' && path !== 'runner.list') return `A ${role} token cannot act as a runner: use a runner token`;
  if (role === 'readonly' && type === 'mutation') return 'A read-only token can only read';
  return null;
}
