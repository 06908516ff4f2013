import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where errors go besides the log: Sentry or similar. Off by default. Set
 * MAESTRO_ERROR_REPORTER to a module (a path, or a package installed next to
 * the server) whose default export — or a `report` export — is an
 * ErrorReporter. Every log line at level `error` or `fatal` that carries an
 * `err` is handed to it with the line's other fields (request, session and
 * project ids when known). docs/observability.md, "Error reporting".
 */
export type ErrorReporter = (error: unknown, context: Record<string, unknown>) => void;

export async function loadErrorReporter(spec: string | undefined): Promise<ErrorReporter | null> {
  if (!spec) return null;
  const target = spec.startsWith('.') || isAbsolute(spec) ? pathToFileURL(resolve(spec)).href : spec;
  let mod: { default?: unknown; report?: unknown };
  try {
    mod = (await import(target)) as typeof mod;
  } catch (error) {
    throw new Error(`MAESTRO_ERROR_REPORTER: cannot load ${spec} (${error instanceof Error ? error.message : String(error)})`);
  }
  const report = typeof mod.report === 'function' ? mod.report : mod.default;
  if (typeof report !== 'function') throw new Error(`MAESTRO_ERROR_REPORTER: ${spec} exports no function (default or \`report\`)`);
  const reporter = report as ErrorReporter;
  // A failing reporter never takes the server down with it.
  return (error, context) => {
    try {
      reporter(error, context);
    } catch {
      // The error is in the log already.
    }
  };
}
