import { describe, expect, test } from 'vitest';
import { extractCommandLines, splitCommandLine } from './commands.js';

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
});
