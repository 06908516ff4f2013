import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedSection, renderCommandReference, replaceGeneratedSection, type CommandDoc } from '@maestro/skills';
import type { ArgsDef } from 'citty';
import { globalArgs } from '../args.js';
import { commandManifest } from '../manifest.js';

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

/** Each agent command's usage and summary (those whose meta says `agent`), read from the CLI's own definitions. */
export async function commandDocs(): Promise<CommandDoc[]> {
  return (await commandManifest()).filter((c) => c.meta.agent).map((c) => ({ usage: usageOf(c.path, c.args), summary: firstClause(c.meta.description) }));
}

export const SKILL_FILE = fileURLToPath(new URL('../../../../skills/maestro-cli/skill.md', import.meta.url));

/**
 * Every command path, for the skills package's tests that read `maestro …` lines
 * (a package never imports an app, so it gets the manifest as a file it owns).
 */
export const COMMAND_PATHS_FILE = fileURLToPath(new URL('../../../../packages/skills/src/testing/command-paths.json', import.meta.url));

/** The command-paths file's content. */
export async function commandPathsJson(): Promise<string> {
  return `${JSON.stringify(
    (await commandManifest()).map((c) => c.path),
    null,
    2,
  )}\n`;
}

/** The skill file with its command section regenerated. */
export async function regenerated(markdown: string): Promise<string> {
  return replaceGeneratedSection(markdown, renderCommandReference(await commandDocs()));
}

export { generatedSection };

/** `npm run generate:skills` writes the skill's section and the command paths; `--check` only reports drift (exit 1). */
async function main(): Promise<void> {
  const files = [
    { file: SKILL_FILE, next: await regenerated(readFileSync(SKILL_FILE, 'utf8')) },
    { file: COMMAND_PATHS_FILE, next: await commandPathsJson() },
  ];
  for (const { file, next } of files) {
    if (!process.argv.includes('--check')) {
      writeFileSync(file, next);
      process.stdout.write(`wrote ${file}\n`);
    } else if (next !== readFileSync(file, 'utf8')) {
      process.stderr.write(`${file} is out of date: run \`npm run generate:skills\`\n`);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
