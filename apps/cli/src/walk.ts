import type { ArgDef, ArgsDef, CommandDef } from 'citty';
import { globalArgs } from './args.js';
import { root } from './cli.js';
import { CliError } from './errors.js';
import type { GlobalFlags } from './settings.js';

type AnyCommand = CommandDef<ArgsDef>;
const resolveValue = async <T>(value: T | Promise<T> | (() => T | Promise<T>) | undefined): Promise<T | undefined> =>
  typeof value === 'function' ? (value as () => T | Promise<T>)() : value;

/** What one pass over the command line found. */
export interface Walk {
  /** `maestro task deps add` */
  path: string[];
  command: AnyCommand;
  args: ArgsDef;
  /** Tokens that are not command names: flags, their values and positionals, for the command's own parse. */
  rest: string[];
  /** The global flags, wherever they stand on the line. */
  flags: GlobalFlags;
  /** `--help`/`-h` before any `--`. */
  help: boolean;
  /** `--version`/`-v` before any `--`. */
  version: boolean;
  /** The command has subcommands and none was named. */
  missingSubcommand: boolean;
  unknown?: string;
  /** The first flag or positional the command does not take: citty would silently ignore it. */
  problem?: CliError;
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function findArg(args: ArgsDef, flag: string): [string, ArgDef] | undefined {
  for (const [name, def] of Object.entries(args)) {
    if (def.type === 'positional') continue;
    const aliases = 'alias' in def && def.alias ? ([] as string[]).concat(def.alias) : [];
    if ([name, camel(name), kebab(name), ...aliases].includes(flag) || camel(flag) === camel(name)) return [name, def];
  }
  return undefined;
}

const isValueFlag = (def: ArgDef | undefined) => def?.type === 'string' || def?.type === 'enum';
/** `-5` is a number, `-` alone a word: both positionals of a command. */
const looksLikeFlag = (token: string) => token.startsWith('-') && token.length > 1 && !/^-\d/.test(token);
const GLOBAL_DEFS = new Set<unknown>(Object.values(globalArgs));

/** The flag a token names, looked up as citty will (`--no-x` turns boolean x off). */
function lookUp(args: ArgsDef, token: string): { name: string; found?: [string, ArgDef]; negated: boolean; inline?: string } {
  const [raw, ...value] = token.split('=');
  const name = raw!.replace(/^-{1,2}/, '');
  const found = findArg(args, name);
  if (found || !name.startsWith('no-')) return { name, found, negated: false, inline: value.length ? value.join('=') : undefined };
  return { name, found: findArg(args, name.slice(3)), negated: true };
}

function unknownOption(token: string, args: ArgsDef, path: string[]): CliError {
  const known = Object.entries(args)
    .filter(([, d]) => d.type !== 'positional')
    .map(([n]) => `--${n}`);
  return new CliError('VALIDATION', `Unknown option ${token.split('=')[0]} for \`${path.join(' ')}\``, {
    hint: `Options: ${known.join(', ')}. See \`${path.join(' ')} --help\`.`,
  });
}

/**
 * The one pass over the command line: walks the lazy command tree (loading
 * only the modules on the path), takes the global flags from anywhere before
 * `--`, and checks every flag and positional against the command it reaches.
 * citty then parses only that command's own tokens.
 */
export async function walkArgv(argv: string[]): Promise<Walk> {
  const walk: Walk = {
    path: ['maestro'],
    command: root as unknown as AnyCommand,
    args: {},
    rest: [],
    flags: {},
    help: false,
    version: false,
    missingSubcommand: false,
  };
  walk.args = (await resolveValue(walk.command.args)) ?? {};
  let subs = await resolveValue(walk.command.subCommands);
  /** Flags seen before the command was known: checked against it once it is. */
  const early: string[] = [];
  let positionals = 0;
  /** After an unknown command name: only the global flags are still read (`--json` shapes the error). */
  let lost = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') break;
    if (token === '--help' || token === '-h') walk.help = true;
    if (token === '--version' || token === '-v') walk.version = true;
    if (subs ? token.startsWith('-') : looksLikeFlag(token)) {
      if (!lost) walk.rest.push(token);
      const { found, negated, inline } = lookUp(walk.args, token);
      let value: string | boolean | undefined = found?.[1].type === 'boolean' ? (inline === undefined ? !negated : inline !== 'false') : inline;
      if (isValueFlag(found?.[1]) && inline === undefined) {
        const next = argv[i + 1];
        // citty would take a missing value as "" and the next flag as a flag: say so instead.
        if (!subs && (next === undefined || looksLikeFlag(next))) {
          walk.problem ??= new CliError('VALIDATION', `Option --${found![0]} needs a value`, {
            hint: `Give it after a space or with =, e.g. --${found![0]}=<value>. See \`${walk.path.join(' ')} --help\`.`,
          });
        } else if (next !== undefined) {
          value = argv[++i]!;
          if (!lost) walk.rest.push(value);
        }
      }
      if (found && value !== undefined && GLOBAL_DEFS.has(found[1])) (walk.flags as Record<string, unknown>)[found[0]] = value;
      if (subs) early.push(token);
      else if (!found) walk.problem ??= unknownOption(token, walk.args, walk.path);
      continue;
    }
    if (lost) continue;
    if (!subs) {
      walk.rest.push(token);
      positionals++;
      continue;
    }
    const sub = token in subs ? await resolveValue(subs[token]) : undefined;
    if (!sub) {
      walk.unknown = token;
      lost = true;
      continue;
    }
    walk.path.push(token);
    walk.command = sub as AnyCommand;
    walk.args = (await resolveValue(walk.command.args)) ?? {};
    subs = await resolveValue(walk.command.subCommands);
    if (!subs) {
      for (const flag of early) if (!lookUp(walk.args, flag).found) walk.problem ??= unknownOption(flag, walk.args, walk.path);
    }
  }
  if (subs) walk.missingSubcommand = true;
  if (argv[i] === '--' && !walk.unknown) {
    walk.rest.push(...argv.slice(i));
    positionals += argv.length - i - 1;
  }
  const allowed = Object.values(walk.args).filter((a) => a.type === 'positional').length;
  if (!subs && positionals > allowed) {
    walk.problem ??= new CliError('VALIDATION', `Too many arguments for \`${walk.path.join(' ')}\` (expected at most ${allowed})`, {
      hint: 'Quote text that contains spaces, e.g. maestro task create "Fix the login bug". Use -- before text that starts with a dash.',
    });
  }
  return walk;
}
