import type { z } from 'zod';
import { commandManifest, type CommandEntry } from '../manifest.js';

/** One published `--json` contract: a command's `data`, or one line of its line-by-line output. */
export interface PublishedSchema {
  /** `task deps add`; a line-by-line variant adds its flag: `session logs --follow`. */
  command: string;
  /** The path of the command that prints it (`session logs`). */
  path: string;
  schema: z.ZodType;
  /** True when each line of output is one document of this schema (`watch`), not the envelope's `data`. */
  perLine: boolean;
}

/** What one command publishes: the schemas it declares in its meta (`data`, `lines`). */
export async function publishedOf(entry: CommandEntry): Promise<PublishedSchema[]> {
  const found: PublishedSchema[] = [];
  const { data, lines } = entry.meta;
  const schema = typeof data === 'function' ? await data() : data;
  if (schema) found.push({ command: entry.path, path: entry.path, schema, perLine: false });
  if (lines) found.push({ command: lines.flag ? `${entry.path} ${lines.flag}` : entry.path, path: entry.path, schema: lines.schema, perLine: true });
  return found;
}

/**
 * The published contract: for each command, the schema of `data` in its `--json` output (or of
 * each line, for `watch` and `session logs --follow`), as each command declares it in its meta.
 * Read from the command tree (every command module is loaded: for generators and tests, never at
 * start-up). The JSON Schemas in apps/cli/schemas/ and docs/cli.md are generated from it.
 */
export async function publishedSchemas(): Promise<PublishedSchema[]> {
  return (await Promise.all((await commandManifest()).map(publishedOf))).flat();
}

/** File name of a command's schema: `task deps add` → `task-deps-add.json`. */
export const schemaFileName = (command: string) => `${command.replace(/ --/g, '-').replace(/ /g, '-')}.json`;
