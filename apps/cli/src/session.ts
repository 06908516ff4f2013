import type { CliEnv } from './env.js';
import type { ErrorContext } from './errors.js';
import type { Printer } from './output.js';
import type { GlobalFlags } from './settings.js';

/**
 * What the runner knows before any command module loads: environment, global
 * flags (parsed from anywhere on the line) and the printer. The runtime a
 * command builds on it (settings, client) registers hooks here so the runner
 * can describe errors and close connections. Kept free of heavy imports so
 * `--help`, `whoami` and `config` start without zod or the client.
 */
export interface Session {
  env: CliEnv;
  flags: GlobalFlags;
  out: Printer;
  errorContext: () => ErrorContext | undefined;
  close: () => void;
}

let current: Session | undefined;

export function setSession(session: Session | undefined): void {
  current = session;
}

export function getSession(): Session {
  if (!current) throw new Error('maestro session not initialised');
  return current;
}
