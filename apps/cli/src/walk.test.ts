import { describe, expect, test } from 'vitest';
import { walkArgv } from './walk.js';

describe('one pass over the command line', () => {
  test('finds the command and leaves its own tokens for citty', async () => {
    const walk = await walkArgv(['task', 'deps', 'add', 'tsk_0123456789', 'tsk_9876543210']);
    expect(walk.path).toEqual(['maestro', 'task', 'deps', 'add']);
    expect(walk.rest).toEqual(['tsk_0123456789', 'tsk_9876543210']);
    expect(walk.missingSubcommand).toBe(false);
    expect(walk.problem).toBeUndefined();
  });

  test('takes the global flags from before and after the command, in every spelling', async () => {
    const walk = await walkArgv(['--server', 'http://h:1', 'task', '--project=prj_0123456789', 'list', '--json', '--token', 't']);
    expect(walk.flags).toEqual({ server: 'http://h:1', project: 'prj_0123456789', json: true, token: 't' });
    expect(walk.rest).toEqual(['--server', 'http://h:1', '--project=prj_0123456789', '--json', '--token', 't']);
    expect((await walkArgv(['status', '--no-json'])).flags.json).toBe(false);
    expect((await walkArgv(['status', '--json=false'])).flags.json).toBe(false);
  });

  test('after an unknown command it still reads the global flags, so the error can be JSON', async () => {
    const walk = await walkArgv(['task', 'lst', '--json']);
    expect(walk.unknown).toBe('lst');
    expect(walk.flags.json).toBe(true);
  });

  test('nothing after `--` is a flag', async () => {
    const walk = await walkArgv(['task', 'create', '--', '--json']);
    expect(walk.flags.json).toBeUndefined();
    expect(walk.help).toBe(false);
    expect(walk.problem).toBeUndefined();
    expect(walk.rest).toEqual(['--', '--json']);
  });

  test('a flag before the command name is checked against the command it reaches', async () => {
    const walk = await walkArgv(['task', '--ready', 'list']);
    expect(walk.problem).toBeUndefined();
    expect((await walkArgv(['task', '--bogus', 'list'])).problem?.message).toBe('Unknown option --bogus for `maestro task list`');
  });

  test('negative numbers and a lone dash are positionals; too many of them is a problem', async () => {
    expect((await walkArgv(['task', 'get', '-5'])).problem).toBeUndefined();
    expect((await walkArgv(['task', 'get', 'a', 'b'])).problem?.message).toMatch(/^Too many arguments for `maestro task get`/);
  });

  test('a value flag without its value is a problem, not an empty string', async () => {
    expect((await walkArgv(['task', 'block', 'tsk_0123456789', '--reason'])).problem?.message).toBe('Option --reason needs a value');
    expect((await walkArgv(['task', 'block', 'tsk_0123456789', '--reason', '--json'])).problem?.message).toBe('Option --reason needs a value');
  });

  test('--help and --version are noticed wherever they stand, and a group without a command says so', async () => {
    expect((await walkArgv(['task', 'list', '--help'])).help).toBe(true);
    const group = await walkArgv(['task', '-v']);
    expect(group.version).toBe(true);
    expect(group.missingSubcommand).toBe(true);
    expect(group.path).toEqual(['maestro', 'task']);
  });
});
