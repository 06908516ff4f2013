import { readFileSync } from 'node:fs';
import type { ErrorBody } from '@maestro/schemas';
import { renderUsage, runCommand } from 'citty';
import type { MaestroMeta } from './args.js';
import { VERSION } from './cli.js';
import { readEnv, type CliEnv } from './env.js';
import { CliError, EXIT, EXIT_CODE_HELP, exitCodeFor, toErrorBody } from './errors.js';
import { createPrinter, stripAnsi, type Stream } from './output.js';
import type { Invocation } from './invocation.js';
import { walkArgv, type Walk } from './walk.js';

const resolveValue = async <T>(value: T | Promise<T> | (() => T | Promise<T>) | undefined): Promise<T | undefined> =>
  typeof value === 'function' ? (value as () => T | Promise<T>)() : value;

async function helpText(resolved: Walk, color: boolean): Promise<string> {
  const parentName = resolved.path.slice(0, -1).join(' ');
  const usage = await renderUsage(resolved.command, parentName ? { meta: { name: parentName } } : undefined);
  const metaValue: Partial<MaestroMeta> | undefined = await resolveValue(resolved.command.meta);
  const sections = [usage];
  if (metaValue?.examples?.length) sections.push(`EXAMPLES\n\n${metaValue.examples.map((e) => `  $ ${e}`).join('\n')}`);
  if (resolved.path.length === 1) {
    sections.push(
      'ENVIRONMENT\n\n' +
        [
          'MAESTRO_API_URL      server URL (--server; config apiUrl)',
          'MAESTRO_TOKEN        API token (--token; config token; else ~/.maestro/data/token)',
          'MAESTRO_PROJECT_ID   project (--project; config project)',
          'MAESTRO_RETRIES      retries on network errors and 5xx (config retries; default 3)',
          'MAESTRO_RETRY_DELAY  base backoff delay in ms (config retryDelay; default 200)',
          'MAESTRO_DEBUG        print retries and stack traces on stderr',
          'MAESTRO_TASK_IDS     default task id for commands whose id is optional',
          'MAESTRO_CONFIG       config file path (default ~/.maestro/config.json)',
          'NO_COLOR             never colour output',
        ]
          .map((l) => `  ${l}`)
          .join('\n'),
    );
  }
  sections.push(`EXIT CODES\n\n${EXIT_CODE_HELP.map(([code, text]) => `  ${code}  ${text}`).join('\n')}`);
  // citty pads the last column; trailing blanks only wrap badly in narrow terminals.
  const text = `${sections.join('\n\n').replace(/[ \t]+$/gm, '')}\n`;
  return color ? text : stripAnsi(text);
}

function isCittyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'CLIError';
}

export interface RunIo {
  /** The process's own environment when omitted (read in env.ts). */
  env?: NodeJS.ProcessEnv;
  stdout: Stream;
  stderr: Stream;
}

async function dispatch(rt: Invocation, walk: Walk, bare: boolean, io: RunIo): Promise<number> {
  if (walk.path.length === 1 && walk.missingSubcommand && walk.version) {
    rt.out.success({ version: VERSION }, (d) => d.version);
    return EXIT.ok;
  }
  const color = io.stdout.isTTY === true && !rt.env.noColor;
  if (walk.unknown !== undefined) {
    const subs = Object.keys((await resolveValue(walk.command.subCommands)) ?? {});
    throw new CliError('VALIDATION', `Unknown command "${walk.unknown}" for \`${walk.path.join(' ')}\``, {
      hint: `Commands: ${subs.join(', ')}. See \`${walk.path.join(' ')} --help\`.`,
    });
  }
  if (walk.help || bare) {
    io.stdout.write(await helpText(walk, color));
    return EXIT.ok;
  }
  if (walk.missingSubcommand) {
    const subs = Object.keys((await resolveValue(walk.command.subCommands)) ?? {});
    if (!rt.out.json) io.stderr.write(await helpText(walk, false));
    throw new CliError('VALIDATION', `Missing command for \`${walk.path.join(' ')}\``, {
      hint: `Commands: ${subs.join(', ')}.`,
    });
  }
  if (walk.problem) throw walk.problem;
  await runCommand(walk.command, { rawArgs: walk.rest, data: rt });
  return EXIT.ok;
}

/** `output` from the config file, read without validation: a broken file is reported by the commands that use it. */
function configWantsJson(env: CliEnv): boolean {
  try {
    return (JSON.parse(readFileSync(env.configPath, 'utf8')) as { output?: unknown }).output === 'json';
  } catch {
    return false;
  }
}

/**
 * Runs one command line and returns the exit code. The one place errors are
 * caught: each becomes a code, a message and a hint (one JSON document with
 * --json), never a stack trace unless MAESTRO_DEBUG is set.
 */
export async function run(argv: string[], io: RunIo): Promise<number> {
  const env = readEnv(io.env);
  const walked = await walkArgv(argv).then(
    (walk) => ({ walk }),
    (error: unknown) => ({ error }),
  );
  const flags = 'walk' in walked ? walked.walk.flags : {};
  const out = createPrinter({ json: flags.json ?? configWantsJson(env), stdout: io.stdout, stderr: io.stderr, noColor: env.noColor });
  const invocation: Invocation = { env, flags, out, errorContext: () => undefined, close: () => {} };
  try {
    if (!('walk' in walked)) throw walked.error;
    return await dispatch(invocation, walked.walk, argv.length === 0, io);
  } catch (error) {
    const body: ErrorBody = isCittyError(error)
      ? { code: 'VALIDATION', message: stripAnsi(error.message), hint: 'See `--help` for the arguments this command takes.' }
      : toErrorBody(error, invocation.errorContext());
    out.failure(body, env.debug && error instanceof Error ? error.stack : undefined);
    return exitCodeFor(body.code);
  } finally {
    invocation.close();
  }
}
