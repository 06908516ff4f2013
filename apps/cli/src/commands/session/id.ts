import { CliError } from '../../errors.js';
import type { Runtime } from '../../runtime.js';

export const sessionIdArg = { type: 'positional', required: false, valueHint: 'session-id', description: 'Session id (default: MAESTRO_SESSION_ID)' } as const;

/** The given session id, else this process's own session. */
export function sessionIdOf(rt: Runtime, given: string | undefined): string {
  const id = given ?? rt.env.sessionId;
  if (!id) throw new CliError('VALIDATION', 'Missing session id', { hint: 'Pass it (see `maestro session list`).' });
  return id;
}
