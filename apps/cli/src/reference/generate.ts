import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedSection, renderCommandReference, replaceGeneratedSection, type CommandDoc } from '@maestro/skills';
import type { ArgsDef } from 'citty';
import { globalArgs, type MaestroMeta } from '../args.js';
import { resolveCommand } from '../run.js';

/**
 * The commands an agent uses, in the order the skill lists them. People's
 * commands (config, project create/use, runner, skill, prompt, session
 * attach/cleanup) stay out: every line costs every agent tokens.
 */
export const AGENT_COMMANDS = [
  'status',
  'whoami',
  'task get',
  'task list',
  'task ready',
  'task tree',
  'task timeline',
  'task comment',
  'task create',
  'task update',
  'task start',
  'task complete',
  'task block',
  'task unblock',
  'task claim',
  'task deps add',
  'task deps remove',
  'subtask create',
  'subtask list',
  'subtask complete',
  'subtask update',
  'session spawn',
  'session list',
  'session get',
  'session logs',
  'session stop',
  'session needs-input',
  'session working',
  'session idle',
  'watch',
  'project get',
] as const;

const GLOBAL = new Set(Object.keys(globalArgs));
/** Flags for people or scripts, not for an agent's loop: left out of the skill to save tokens. */
const LEFT_OUT = new Set(['cols', 'rows', 'limit', 'cursor', 'as', 'name', 'role', 'command', 'since', 'text', 'session']);

/** The description's first clause: the rest is in `--help`. */
const firstClause = (text: string | undefined) => text?.split(/ \(|: |; |\. /)[0]?.trim();

/** A short placeholder: the hint when it is one word, else the flag's first letter. */
const placeholder = (name: string, hint: string | undefined) => (hint && /^[a-z-]+$/.test(hint) ? hint : name[0]!);

function usageOf(path: string, args: ArgsDef): string {
  const parts = [path];
  for (const [name, def] of Object.entries(args)) {
    if (GLOBAL.has(name) || LEFT_OUT.has(name)) continue;
    const hint = 'valueHint' in def && typeof def.valueHint === 'string' ? def.valueHint : undefined;
    if (def.type === 'positional') parts.push(def.required === false ? `[${name}]` : `<${name}>`);
    else if (def.type === 'boolean') parts.push('negativeDescription' in def ? `[--${name}] [--no-${name}]` : `[--${name}]`);
    else parts.push('required' in def && def.required ? `--${name} <${placeholder(name, hint)}>` : `[--${name} ${placeholder(name, hint)}]`);
  }
  return parts.join(' ');
}

/** Each agent command's usage and summary, read from the CLI's own definitions. */
export async function commandDocs(): Promise<CommandDoc[]> {
  const docs: CommandDoc[] = [];
  for (const path of AGENT_COMMANDS) {
    const resolved = await resolveCommand(path.split(' '));
    if (resolved.unknown || resolved.missingSubcommand) throw new Error(`maestro ${path} is not a command`);
    const meta = (typeof resolved.command.meta === 'function' ? await resolved.command.meta() : await resolved.command.meta) as MaestroMeta | undefined;
    docs.push({ usage: usageOf(path, resolved.args), summary: firstClause(meta?.description) });
  }
  return docs;
}

export const SKILL_FILE = fileURLToPath(new URL('../../../../skills/maestro-cli/skill.md', import.meta.url));

/** The skill file with its command section regenerated. */
export async function regenerated(markdown: string): Promise<string> {
  return replaceGeneratedSection(markdown, renderCommandReference(await commandDocs()));
}

export { generatedSection };

/** `npm run generate:skills` writes the section; `--check` only reports drift (exit 1). */
async function main(): Promise<void> {
  const current = readFileSync(SKILL_FILE, 'utf8');
  const next = await regenerated(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      process.stderr.write('skills/maestro-cli/skill.md is out of date: run `npm run generate:skills`\n');
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(SKILL_FILE, next);
  process.stdout.write(`wrote ${SKILL_FILE}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
