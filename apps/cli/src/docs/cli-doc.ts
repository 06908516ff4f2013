import { ERROR_CODES } from '@maestro/schemas/errors';
import type { ArgDef, ArgsDef } from 'citty';
import { globalArgs } from '../args.js';
import { EXIT_CODE_HELP, exitCodeFor } from '../errors.js';
import { commandManifest, type CommandEntry } from '../manifest.js';
import { publishedOf, schemaFileName } from '../schemas/registry.js';
import { namedEntities } from './entities.js';
import { slug, splice, table } from './markdown.js';
import { createSchemaText } from './schema-text.js';

const GLOBAL_DEFS = new Set<unknown>(Object.values(globalArgs));
/** A global flag as spread into the command; a command's own arg of the same name (`token revoke <token>`) is its own. */
const isGlobal = (def: ArgDef) => GLOBAL_DEFS.has(def);
const hintOf = (def: ArgDef) => ('valueHint' in def && typeof def.valueHint === 'string' ? def.valueHint : 'value');

function flagText(name: string, def: ArgDef, withAlias = true): string {
  if (def.type === 'positional') return def.required === false ? `[${name}]` : `<${name}>`;
  const alias = withAlias && 'alias' in def && def.alias ? `, -${String(def.alias)}` : '';
  if (def.type === 'boolean') return `--${name}${'negativeDescription' in def ? ` / --no-${name}` : ''}${alias}`;
  return `--${name} <${hintOf(def)}>${alias}`;
}

function usage(leaf: CommandEntry): string {
  const parts = [`maestro ${leaf.path}`];
  for (const [name, def] of Object.entries(leaf.args)) {
    if (isGlobal(def)) continue;
    const text = flagText(name, def, false);
    parts.push(def.type === 'positional' || ('required' in def && def.required) ? text : `[${text}]`);
  }
  return parts.join(' ');
}

/** The arguments as a table; a "required" column only when some argument is. */
function argTable(args: ArgsDef, skipGlobal: boolean): string {
  const rows = Object.entries(args)
    .filter(([, def]) => !skipGlobal || !isGlobal(def))
    .map(([name, def]) => {
      const required = def.type === 'positional' ? def.required !== false : 'required' in def && def.required === true;
      const negative = 'negativeDescription' in def && typeof def.negativeDescription === 'string' ? `; \`--no-${name}\`: ${def.negativeDescription}` : '';
      return { required, cells: [`\`${flagText(name, def)}\``, `${def.description ?? ''}${negative}`] };
    });
  if (!rows.length) return 'No arguments of its own.';
  if (!rows.some((r) => r.required))
    return table(
      ['argument', 'meaning'],
      rows.map((r) => r.cells),
    );
  return table(
    ['argument', 'required', 'meaning'],
    rows.map((r) => [r.cells[0]!, r.required ? 'yes' : '', r.cells[1]!]),
  );
}

const text = createSchemaText(namedEntities('api.md'));

/** What the command's `--json` prints, from the schemas it declares, with links to their JSON Schemas. */
async function dataLine(leaf: CommandEntry): Promise<string | null> {
  const lines = (await publishedOf(leaf)).map(({ command, schema, perLine }) => {
    const what = perLine ? `each line of \`${command} --json\`` : '`data`';
    const file = schemaFileName(command);
    return `${what}: ${text.typeOf(schema)} ([${file}](../apps/cli/schemas/${file}))`;
  });
  return lines.length ? lines.join('  \n') : null;
}

async function commandSection(leaf: CommandEntry): Promise<string> {
  const parts = [`### maestro ${leaf.path}`, leaf.meta.description ?? '', `\`\`\`\n${usage(leaf)}\n\`\`\``, argTable(leaf.args, true)];
  const data = await dataLine(leaf);
  parts.push(data ? `**JSON:** ${data}` : '**JSON:** no `data` schema is published for this command.');
  if (leaf.meta.examples?.length) parts.push(`\`\`\`sh\n${leaf.meta.examples.join('\n')}\n\`\`\``);
  return parts.filter(Boolean).join('\n\n');
}

/** The exit codes with the error codes that lead to each, from the CLI's own table. */
export function exitCodeTable(): string {
  const rows = EXIT_CODE_HELP.map(([exit, meaning]) => {
    const codes = ERROR_CODES.filter((code) => exitCodeFor(code) === exit).map((code) => `[\`${code}\`](troubleshooting.md#${slug(code)})`);
    return [String(exit), meaning, codes.join(', ')];
  });
  return table(['exit', 'meaning', 'error codes'], rows);
}

/** The generated sections of docs/cli.md: global flags, exit codes, and every command. */
export async function cliSections(): Promise<Record<string, string>> {
  const all = await commandManifest();
  const index = all.map((leaf) => `[\`${leaf.path}\`](#${slug(`maestro ${leaf.path}`)})`).join(' · ');
  return {
    'global flags': argTable(globalArgs, false),
    'exit codes': exitCodeTable(),
    commands: [index, ...(await Promise.all(all.map(commandSection)))].join('\n\n'),
  };
}

/** docs/cli.md with its generated sections rebuilt from the CLI's definitions. */
export async function renderCliDoc(current: string): Promise<string> {
  let doc = current;
  for (const [name, content] of Object.entries(await cliSections())) doc = splice(doc, name, content);
  return doc;
}
