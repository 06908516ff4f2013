import type { ArgsDef, CommandDef } from 'citty';
import type { MaestroMeta } from './args.js';
import { root } from './cli.js';

type AnyCommand = CommandDef<ArgsDef>;

/** One runnable command as the tree defines it. */
export interface CommandEntry {
  /** `task deps add` */
  path: string;
  meta: Partial<MaestroMeta>;
  args: ArgsDef;
}

const resolve = async <T>(value: T | Promise<T> | (() => T | Promise<T>) | undefined): Promise<T | undefined> =>
  typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;

async function leaves(command: AnyCommand, path: string[]): Promise<CommandEntry[]> {
  const subs = await resolve(command.subCommands);
  if (!subs) {
    const meta = ((await resolve(command.meta)) ?? {}) as Partial<MaestroMeta>;
    return [{ path: path.join(' '), meta, args: (await resolve(command.args)) ?? {} }];
  }
  const found: CommandEntry[] = [];
  for (const [name, sub] of Object.entries(subs)) found.push(...(await leaves((await resolve(sub)) as AnyCommand, [...path, name])));
  return found;
}

/**
 * The command manifest: every runnable command, depth first in the order
 * `--help` lists them, read from the command tree itself (so it loads every
 * command module: for generators and tests, never at start-up). The one list
 * of command paths: docs/cli.md, the maestro-cli skill, the skills package's
 * command list and the published schemas are all checked against it.
 */
export async function commandManifest(): Promise<CommandEntry[]> {
  return leaves(root as unknown as AnyCommand, []);
}
