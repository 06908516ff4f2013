import type { CliEnv } from './env.js';
import type { ErrorContext } from './errors.js';
import type { Printer } from './output.js';
import type { GlobalFlags } from './settings.js';

/**
 * One run of the CLI (not an agent session: those are `commands/session/`).
 * What the runner knows before any command module loads: environment, global
 * flags (taken from anywhere on the line) and the printer. citty hands it to
 * the command as `data`; the runtime a command builds on it (settings,
 * client) registers hooks here so the runner can describe errors and close
 * connections. Kept free of heavy imports so `--help`, `whoami` and `config`
 * start without zod or the client.
 */
export interface Invocation {
  env: CliEnv;
  flags: GlobalFlags;
  out: Printer;
  errorContext: () => ErrorContext | undefined;
  close: () => void;
}

/** The invocation a command was run with (citty's `data`, typed `any` there). */
export function invocationOf(data: unknown): Invocation {
  if (typeof data !== 'object' || data === null || !('out' in data) || !('env' in data)) {
    throw new Error('maestro command run without its invocation (run it through run.ts)');
  }
  return data as Invocation;
}
