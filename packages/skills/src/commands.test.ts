import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractCommandLines, splitCommandLine } from './commands.js';
import { listSkills } from './loader.js';
import { findBuiltinSkillsDir } from './options.js';
import { composePrompt } from './prompt.js';
import { featureTask, project, session, typicalTask } from './testing/fixtures.js';
import { findCliBin } from './testing/cli.js';
import { GLOBAL_FLAGS, KNOWN_COMMANDS, matchCommand, PENDING_IN_CLI } from './testing/known-commands.js';

const BUILTIN = findBuiltinSkillsDir()!;
const options = { homeDir: '/nonexistent', builtinDir: BUILTIN };

/** Why a command line is not a known invocation, or undefined when it is. */
function checkCommand(line: string): string | undefined {
  const [bin, ...words] = splitCommandLine(line);
  if (bin !== 'maestro') return 'does not start with maestro';
  const command = matchCommand(words);
  if (!command) return `unknown command "${words.slice(0, 2).join(' ')}"`;
  const allowed = new Set([...KNOWN_COMMANDS[command]!, ...GLOBAL_FLAGS]);
  const bad = words.filter((w) => w.startsWith('-') && !allowed.has(w.split('=')[0]!));
  return bad.length > 0 ? `"${command}" has no ${bad.join(', ')}` : undefined;
}

describe('extractCommandLines', () => {
  test('finds maestro lines in code spans and fenced blocks, in order, without shell glue', () => {
    const md = [
      'Run `maestro status` first, then `npm test`, then `maestro task get <id> --json`.',
      '```bash',
      '$ maestro task start tsk_0123456789 --json',
      'maestro task get --json | jq .data.subtasks',
      'echo maestro is not first',
      '```',
      '`maestroish thing`, report through `maestro`.',
    ].join('\n');
    expect(extractCommandLines(md)).toEqual([
      'maestro status',
      'maestro task get <id> --json',
      'maestro task start tsk_0123456789 --json',
      'maestro task get --json',
    ]);
  });

  test('splitCommandLine handles quotes and usage brackets', () => {
    expect(splitCommandLine(`maestro task block <id> --reason "needs the DB password" [--json] ''`)).toEqual([
      'maestro',
      'task',
      'block',
      '<id>',
      '--reason',
      'needs the DB password',
      '--json',
      '',
    ]);
    expect(() => splitCommandLine('maestro task block x --reason "oops')).toThrow(/unterminated/);
  });

  test('the checker itself rejects unknown commands and flags', () => {
    expect(checkCommand('maestro task finish tsk_0123456789')).toMatch(/unknown command/);
    expect(checkCommand('maestro task block <id> --why x')).toMatch(/has no --why/);
    expect(checkCommand('maestro task deps add <id> <dependsOnId> --json')).toBeUndefined();
  });
});

describe('every command a skill or a composed prompt names is a known CLI command', async () => {
  const { skills } = await listSkills(options);
  const worker = await composePrompt({ role: 'worker', project, tasks: [typicalTask()], session: session('worker') }, options);
  const orchestrator = await composePrompt({ role: 'orchestrator', project, tasks: [featureTask()], session: session('orchestrator') }, options);
  const sources = [
    ...skills.map((s) => [join(s.dir, 'skill.md'), readFileSync(join(s.dir, 'skill.md'), 'utf8')] as const),
    ['composed worker prompt', worker.text] as const,
    ['composed orchestrator prompt', orchestrator.text] as const,
  ];

  test.each(sources)('%s', (_, text) => {
    const lines = extractCommandLines(text);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.map((line) => [line, checkCommand(line)]).filter(([, why]) => why)).toEqual([]);
  });

  test('the CLI reference names every planned command', () => {
    const cli = sources.find(([file]) => file.includes('maestro-cli'))![1];
    const named = new Set(extractCommandLines(cli).map((l) => matchCommand(splitCommandLine(l).slice(1))));
    const agentFacing = Object.keys(KNOWN_COMMANDS).filter((c) => !['project create', 'project use', 'config'].includes(c));
    expect(agentFacing.filter((c) => !named.has(c))).toEqual([]);
  });
});

const CLI = findCliBin();

/** `maestro <path> --help` of the built CLI: exit code and text. */
async function help(path: string): Promise<{ ok: boolean; text: string }> {
  const bin = /\.[cm]?js$/.test(CLI!) ? [process.execPath, CLI!] : [CLI!];
  try {
    const { stdout } = await promisify(execFile)(bin[0]!, [...bin.slice(1), ...path.split(' '), '--help'], { env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    return { ok: true, text: stdout };
  } catch (error) {
    return { ok: false, text: String((error as { stdout?: string }).stdout ?? error) };
  }
}

describe.concurrent('every command and flag the skills use exists in the built CLI', async () => {
  if (!CLI) throw new Error('apps/cli is not built: run `npm run build -w @maestro/cli` (turbo does it before these tests)');
  const { skills } = await listSkills(options);
  const lines = skills.flatMap((s) => extractCommandLines(s.body));
  const used = new Map<string, Set<string>>();
  for (const line of lines) {
    const words = splitCommandLine(line).slice(1);
    const command = matchCommand(words)!;
    const flags = used.get(command) ?? new Set<string>();
    for (const w of words) if (w.startsWith('--') && !GLOBAL_FLAGS.includes(w)) flags.add(w.split('=')[0]!);
    used.set(command, flags);
  }

  test.each([...used].filter(([c]) => !PENDING_IN_CLI.includes(c)))('maestro %s', async (command, flags) => {
    const { ok, text } = await help(command);
    expect(ok, text).toBe(true);
    expect(text).toContain(`USAGE maestro ${command} `);
    expect([...flags].filter((f) => !new RegExp(`${f}(?=[=\\s])`).test(text))).toEqual([]);
  });

  test.each(PENDING_IN_CLI.filter((c) => used.has(c)))('maestro %s is still pending (remove it from PENDING_IN_CLI once it exists)', async (command) => {
    expect((await help(command)).ok).toBe(false);
  });
});
