import { readFileSync } from 'node:fs';
import type { ErrorBody } from '@maestro/schemas';
import { parseArgs, renderUsage, runCommand, type ArgsDef, type CommandDef } from 'citty';
import { globalArgs, type MaestroMeta } from './args.js';
import { root, VERSION } from './cli.js';
import { readEnv, type CliEnv } from './env.js';
import { CliError, EXIT, EXIT_CODE_HELP, exitCodeFor, toErrorBody } from './errors.js';
import { createPrinter, stripAnsi, type Stream } from './output.js';
import { setSession, type Session } from './session.js';
import type { GlobalFlags } from './settings.js';

type AnyCommand = CommandDef<ArgsDef>;
const resolveValue = async <T>(value: T | Promise<T> | (() => T | Promise<T>) | undefined): Promise<T | undefined> =>
  typeof value === 'function' ? (value as () => T | Promise<T>)() : value;

interface Resolved {
  /** `maestro task deps add` */
  path: string[];
  command: AnyCommand;
  args: ArgsDef;
  /** Tokens that are not command names: flags, their values and positionals. */
  rest: string[];
  /** The command has subcommands and none was named. */
  missingSubcommand: boolean;
  unknown?: string;
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function findArg(args: ArgsDef, flag: string): [string, ArgsDef[string]] | undefined {
  for (const [name, def] of Object.entries(args)) {
    if (def.type === 'positional') continue;
    const aliases = 'alias' in def && def.alias ? ([] as string[]).concat(def.alias) : [];
    if ([name, camel(name), kebab(name), ...aliases].includes(flag) || camel(flag) === camel(name)) return [name, def];
  }
  return undefined;
}

const isValueFlag = (def: ArgsDef[string] | undefined) => def?.type === 'string' || def?.type === 'enum';

/** Walks subcommands the way citty will, loading only the modules on the path. */
export async function resolveCommand(argv: string[]): Promise<Resolved> {
  let command = root as unknown as AnyCommand;
  const path = ['maestro'];
  const rest: string[] = [];
  let tokens = argv;
  for (;;) {
    const args = (await resolveValue(command.args)) ?? {};
    const subs = await resolveValue(command.subCommands);
    if (!subs) return { path, command, args, rest: [...rest, ...tokens], missingSubcommand: false };
    let i = 0;
    for (; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token === '--') break;
      if (!token.startsWith('-')) break;
      rest.push(token);
      if (!token.includes('=') && isValueFlag(findArg(args, token.replace(/^-{1,2}/, ''))?.[1]) && i + 1 < tokens.length) rest.push(tokens[++i]!);
    }
    const name = tokens[i];
    if (name === undefined || name === '--') return { path, command, args, rest: [...rest, ...tokens.slice(i)], missingSubcommand: true };
    const sub = name in subs ? await resolveValue(subs[name]) : undefined;
    if (!sub) return { path, command, args, rest, missingSubcommand: true, unknown: name };
    path.push(name);
    command = sub as AnyCommand;
    tokens = tokens.slice(i + 1);
  }
}

const HELP_FLAGS = new Set(['--help', '-h']);

/** Refuses flags the command does not define and surplus positionals: citty would silently ignore them. */
function checkTokens(resolved: Resolved): void {
  const { args, rest, path } = resolved;
  const where = `\`${path.join(' ')}\``;
  const positionalsAllowed = Object.values(args).filter((a) => a.type === 'positional').length;
  let positionals = 0;
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (token === '--') {
      positionals += rest.length - i - 1;
      break;
    }
    if (token.startsWith('-') && token.length > 1 && !/^-\d/.test(token)) {
      const name = token.replace(/^-{1,2}/, '').split('=')[0]!;
      const found = findArg(args, name) ?? (name.startsWith('no-') ? findArg(args, name.slice(3)) : undefined);
      if (!found) {
        const known = Object.entries(args)
          .filter(([, d]) => d.type !== 'positional')
          .map(([n]) => `--${n}`);
        throw new CliError('VALIDATION', `Unknown option ${token.split('=')[0]} for ${where}`, {
          hint: `Options: ${known.join(', ')}. See \`${path.join(' ')} --help\`.`,
        });
      }
      if (isValueFlag(found[1]) && !token.includes('=')) {
        const value = rest[i + 1];
        // citty would take a missing value as "" and the next flag as a flag: say so instead.
        if (value === undefined || (value.startsWith('-') && !/^-\d/.test(value))) {
          throw new CliError('VALIDATION', `Option --${found[0]} needs a value`, {
            hint: `Give it after a space or with =, e.g. --${found[0]}=<value>. See \`${path.join(' ')} --help\`.`,
          });
        }
        i++;
      }
      continue;
    }
    positionals++;
  }
  if (positionals > positionalsAllowed) {
    throw new CliError('VALIDATION', `Too many arguments for ${where} (expected at most ${positionalsAllowed})`, {
      hint: 'Quote text that contains spaces, e.g. maestro task create "Fix the login bug". Use -- before text that starts with a dash.',
    });
  }
}

async function helpText(resolved: Resolved, color: boolean): Promise<string> {
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

function globalFlags(argv: string[]): GlobalFlags {
  const end = argv.indexOf('--');
  const parsed = parseArgs(end === -1 ? argv : argv.slice(0, end), globalArgs);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    json: typeof parsed.json === 'boolean' ? parsed.json : undefined,
    server: str(parsed.server),
    project: str(parsed.project),
    token: str(parsed.token),
  };
}

export interface RunIo {
  env: NodeJS.ProcessEnv;
  stdout: Stream;
  stderr: Stream;
}

async function dispatch(rt: Session, argv: string[], io: RunIo): Promise<number> {
  const beforeDashes = argv.indexOf('--') === -1 ? argv : argv.slice(0, argv.indexOf('--'));
  const resolved = await resolveCommand(argv);
  if (resolved.path.length === 1 && resolved.missingSubcommand && beforeDashes.some((t) => t === '--version' || t === '-v')) {
    rt.out.success({ version: VERSION }, (d) => d.version);
    return EXIT.ok;
  }
  const color = io.stdout.isTTY === true && !rt.env.noColor;
  const wantsHelp = beforeDashes.some((t) => HELP_FLAGS.has(t)) || argv.length === 0;
  if (resolved.unknown !== undefined) {
    const subs = Object.keys((await resolveValue(resolved.command.subCommands)) ?? {});
    throw new CliError('VALIDATION', `Unknown command "${resolved.unknown}" for \`${resolved.path.join(' ')}\``, {
      hint: `Commands: ${subs.join(', ')}. See \`${resolved.path.join(' ')} --help\`.`,
    });
  }
  if (wantsHelp) {
    io.stdout.write(await helpText(resolved, color));
    return EXIT.ok;
  }
  if (resolved.missingSubcommand) {
    const subs = Object.keys((await resolveValue(resolved.command.subCommands)) ?? {});
    if (!rt.out.json) io.stderr.write(await helpText(resolved, false));
    throw new CliError('VALIDATION', `Missing command for \`${resolved.path.join(' ')}\``, {
      hint: `Commands: ${subs.join(', ')}.`,
    });
  }
  checkTokens(resolved);
  await runCommand(root, { rawArgs: argv });
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
  const flags = globalFlags(argv);
  const out = createPrinter({ json: flags.json ?? configWantsJson(env), stdout: io.stdout, stderr: io.stderr, noColor: env.noColor });
  const session: Session = { env, flags, out, errorContext: () => undefined, close: () => {} };
  setSession(session);
  try {
    return await dispatch(session, argv, io);
  } catch (error) {
    const body: ErrorBody = isCittyError(error)
      ? { code: 'VALIDATION', message: stripAnsi(error.message), hint: 'See `--help` for the arguments this command takes.' }
      : toErrorBody(error, session.errorContext());
    out.failure(body, env.debug && error instanceof Error ? error.stack : undefined);
    return exitCodeFor(body.code);
  } finally {
    session.close();
    setSession(undefined);
  }
}
