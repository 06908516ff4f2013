import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractCommandLines, findBuiltinSkillsDir, renderPrompt, splitCommandLine } from '@maestro/skills';
import { describe, expect, test } from 'vitest';
import { findArg, walkArgv } from '../walk.js';
import { COMMAND_PATHS_FILE, commandPathsJson, regenerated, SKILL_FILE } from './generate.js';

describe('skills/maestro-cli command reference', () => {
  test('is what the generator makes from the CLI’s own definitions (run `npm run generate:skills` when this fails)', async () => {
    const committed = readFileSync(SKILL_FILE, 'utf8');
    expect(await regenerated(committed)).toBe(committed);
  });
});

describe('packages/skills command-paths.json', () => {
  test('is the CLI’s command manifest (run `npm run generate:skills` when this fails)', async () => {
    expect(readFileSync(COMMAND_PATHS_FILE, 'utf8')).toBe(await commandPathsJson());
  });
});

const skillsDir = findBuiltinSkillsDir()!;
const project = { id: 'prj_0123456789', name: 'demo', workingDir: '/tmp' };
const lines = [
  ...readdirSync(skillsDir).flatMap((name) =>
    extractCommandLines(readFileSync(join(skillsDir, name, 'skill.md'), 'utf8')).map((line) => ({ skill: name, line })),
  ),
  // The report-back instructions a composed prompt adds for each role.
  ...(['worker', 'orchestrator'] as const).flatMap((role) =>
    extractCommandLines(renderPrompt({ role, project, tasks: [], session: null, skills: [] })).map((line) => ({ skill: `${role} prompt`, line })),
  ),
];

describe('every maestro command line in every skill and composed prompt parses with the CLI’s own argument parser', () => {
  test('there are lines to check', () => {
    expect(lines.length).toBeGreaterThan(20);
  });

  test.each(lines)('$skill: $line', async ({ line }) => {
    const words = splitCommandLine(line).slice(1);
    const resolved = await walkArgv(words);
    expect(resolved.unknown, `unknown command in "${line}"`).toBeUndefined();
    expect(resolved.missingSubcommand, `"${line}" names no runnable command`).toBe(false);
    for (const word of resolved.rest.filter((w) => w.startsWith('--'))) {
      const flag = word.slice(2).split('=')[0]!;
      // `--no-x` turns a boolean x off, as the CLI's own token check accepts it.
      const negated = flag.startsWith('no-') ? findArg(resolved.args, flag.slice(3)) : undefined;
      const found = findArg(resolved.args, flag) ?? (negated?.[1].type === 'boolean' ? negated : undefined);
      expect(found, `${line}: --${flag} is not a flag of maestro ${resolved.path.slice(1).join(' ')}`).toBeDefined();
    }
  });
});
