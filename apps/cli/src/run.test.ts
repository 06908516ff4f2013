import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from './run.js';

/** Runs the CLI in-process with captured output; no server is involved in these tests. */
async function runIn(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const home = env.HOME ?? mkdtempSync(join(tmpdir(), 'maestro-run-'));
  const code = await run(argv, {
    env: { HOME: home, ...env },
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
  });
  return {
    code,
    stdout,
    stderr,
    home,
    json: () => JSON.parse(stdout) as { success: boolean; data?: unknown; error?: { code: string; message: string; hint?: string } },
  };
}

describe('usage', () => {
  test('bare `maestro` prints help with the commands and exit codes', async () => {
    const r = await runIn([]);
    expect(r.code).toBe(0);
    for (const word of ['status', 'whoami', 'project', 'task', 'subtask', 'watch', 'config', 'EXIT CODES', 'MAESTRO_API_URL']) expect(r.stdout).toContain(word);
  });

  test('--help on a leaf shows its arguments, examples and exit codes, uncoloured when piped', async () => {
    const r = await runIn(['task', 'list', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('maestro task list');
    expect(r.stdout).toContain('--status');
    expect(r.stdout).toContain('$ maestro task list --ready --json');
    expect(r.stdout).toContain('5  conflict');
    expect(r.stdout).not.toContain('\u001b[');
  });

  test('--version', async () => {
    const r = await runIn(['--version', '--json']);
    expect(r.json()).toEqual({ success: true, data: { version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
  });

  test.each([
    [['tsk'], /Unknown command "tsk"/],
    [['task', 'lsit'], /Unknown command "lsit" for `maestro task`/],
    [['task', 'list', '--statuss', 'todo'], /Unknown option --statuss/],
    [['task', 'create', 'two', 'words'], /Too many arguments/],
    [['task', 'block', 'tsk_0123456789'], /--reason/],
    [['task'], /Missing command for `maestro task`/],
    [['task', 'list', '--status'], /needs a value/],
  ])('%j → exit 1, VALIDATION, one JSON document', async (argv, message) => {
    const r = await runIn([...argv, '--json']);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ success: false, error: { code: 'VALIDATION', message: expect.stringMatching(message) } });
  });

  test('human mode: error and hint on stderr, nothing on stdout, no stack trace', async () => {
    const r = await runIn(['task', 'list', '--bogus']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error \[VALIDATION\] Unknown option --bogus/);
    expect(r.stderr).toMatch(/hint {2}Options: .*--status/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('global flags work before the subcommand too', async () => {
    const r = await runIn(['--json', '--server', 'http://example.invalid:1', 'whoami']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ success: true, data: { inSession: false } });
  });

  test('a task id argument is checked locally before any request', async () => {
    const r = await runIn(['task', 'get', 'not-an-id', '--json'], { MAESTRO_API_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.json().error?.message).toContain('<id>: must be a task id');
  });

  test('a missing project says how to set one', async () => {
    const r = await runIn(['status', '--json']);
    expect(r.code).toBe(1);
    expect(r.json().error).toMatchObject({ code: 'VALIDATION', message: 'No project selected', hint: expect.stringContaining('maestro project use') });
  });
});

describe('whoami', () => {
  test('outside a session', async () => {
    const r = await runIn(['whoami']);
    expect(r.stdout.trim()).toBe('not in a session');
  });

  test('inside a session, from the environment a spawned agent gets', async () => {
    const r = await runIn(['whoami', '--json'], {
      MAESTRO_SESSION_ID: 'ses_0123456789',
      MAESTRO_PROJECT_ID: 'prj_0123456789',
      MAESTRO_TASK_IDS: 'tsk_0123456789,tsk_abcdefghij',
      MAESTRO_ROLE: 'worker',
      MAESTRO_SKILL: 'maestro-worker',
    });
    expect(r.json().data).toEqual({
      inSession: true,
      sessionId: 'ses_0123456789',
      projectId: 'prj_0123456789',
      taskIds: ['tsk_0123456789', 'tsk_abcdefghij'],
      role: 'worker',
      skill: 'maestro-worker',
    });
  });
});

describe('whoami in human mode', () => {
  test('outside a session, a project from the environment is named', async () => {
    const r = await runIn(['whoami'], { MAESTRO_PROJECT_ID: 'prj_0123456789' });
    expect(r.stdout.trim()).toBe('not in a session (project prj_0123456789 from MAESTRO_PROJECT_ID)');
  });

  test('in a session: one aligned line per field, a dash for what the environment does not say', async () => {
    const full = await runIn(['whoami'], {
      MAESTRO_SESSION_ID: 'ses_0123456789',
      MAESTRO_PROJECT_ID: 'prj_0123456789',
      MAESTRO_TASK_IDS: 'tsk_0123456789,tsk_abcdefghij',
      MAESTRO_ROLE: 'worker',
      MAESTRO_SKILL: 'maestro-worker',
    });
    expect(full.stdout.trim().split('\n')).toEqual([
      'session:  ses_0123456789',
      'project:  prj_0123456789',
      'tasks:    tsk_0123456789, tsk_abcdefghij',
      'role:     worker',
      'skill:    maestro-worker',
    ]);
    const bare = await runIn(['whoami'], { MAESTRO_SESSION_ID: 'ses_0123456789' });
    expect(bare.stdout.trim().split('\n')).toEqual(['session:  ses_0123456789', 'project:  -', 'tasks:    -', 'role:     -', 'skill:    -']);
  });
});

describe('config', () => {
  test('--set creates the file 0600, --get reads it, --list masks the token, --unset removes', async () => {
    const first = await runIn(['config', '--set', 'apiUrl=http://10.0.0.5:4800']);
    expect(first.code).toBe(0);
    const env = { HOME: first.home };
    const path = join(first.home, '.maestro', 'config.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await runIn(['config', '--set', 'token=abcdefghijklmnop1234'], env);
    expect((await runIn(['config', '--get', 'apiUrl'], env)).stdout.trim()).toBe('http://10.0.0.5:4800');
    const list = (await runIn(['config', '--list', '--json'], env)).json();
    expect(list.data).toEqual({ path, values: { apiUrl: 'http://10.0.0.5:4800', token: '****1234' } });
    await runIn(['config', '--unset', 'token'], env);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ apiUrl: 'http://10.0.0.5:4800' });
  });

  test('`output=json` makes JSON the default for every command', async () => {
    const { home } = await runIn(['config', '--set', 'output=json']);
    const r = await runIn(['whoami'], { HOME: home });
    expect(r.json()).toMatchObject({ success: true });
  });

  test('MAESTRO_CONFIG points at another file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-config-'));
    const path = join(dir, 'c.json');
    const r = await runIn(['config', '--set', 'retries=2', '--json'], { MAESTRO_CONFIG: path });
    expect(r.json().data).toMatchObject({ path, key: 'retries', value: 2 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ retries: 2 });
  });

  test('agents.<name>.command: --set, --get, --list beside the other keys, --unset; an agent never set reads as empty', async () => {
    const first = await runIn(['config', '--list']);
    expect(first.stdout.trim()).toBe(`Nothing saved in ${join(first.home, '.maestro', 'config.json')}`);
    const env = { HOME: first.home };
    const set = await runIn(['config', '--set', 'agents.aider.command=aider --yes', '--json'], env);
    expect(set.json().data).toMatchObject({ key: 'agents.aider.command', value: 'aider --yes' });
    await runIn(['config', '--set', 'retries=3'], env);
    expect((await runIn(['config', '--get', 'agents.aider.command'], env)).stdout.trim()).toBe('aider --yes');
    const list = await runIn(['config', '--list'], env);
    expect(list.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^retries:\s+3$/),
      expect.stringMatching(/^agents\.aider\.command:\s+aider --yes$/),
    ]);
    await runIn(['config', '--unset', 'agents.aider.command'], env);
    const gone = await runIn(['config', '--get', 'agents.aider.command', '--json'], env);
    expect(gone.json().data).toMatchObject({ key: 'agents.aider.command', value: null });
    expect((await runIn(['config', '--get', 'project'], env)).stdout).toBe('');
    const path = join(first.home, '.maestro', 'config.json');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ retries: 3, agents: {} });
  });

  test('--set without a key, --get of an unknown key and two actions at once are refused', async () => {
    const noKey = (await runIn(['config', '--set', '=x', '--json'])).json();
    expect(noKey.error).toMatchObject({ code: 'VALIDATION', message: 'Expected key=value, got "=x"' });
    expect((await runIn(['config', '--set', 'retries', '--json'])).json().error?.message).toBe('Expected key=value, got "retries"');
    const unknown = (await runIn(['config', '--get', 'colour', '--json'])).json();
    expect(unknown.error).toMatchObject({ message: 'Unknown config key "colour"', hint: expect.stringContaining('Known keys: apiUrl') });
    expect((await runIn(['config', '--unset', 'colour', '--json'])).json().error?.message).toBe('Unknown config key "colour"');
    expect((await runIn(['config', '--get', 'project', '--list', '--json'])).json().error?.message).toMatch(/exactly one of/);
  });

  test('bad keys and values are refused with what is allowed', async () => {
    const badKey = await runIn(['config', '--set', 'colour=red', '--json']);
    expect(badKey.code).toBe(1);
    expect(badKey.json().error?.hint).toContain('apiUrl, token, project, retries, retryDelay, output');
    const badValue = await runIn(['config', '--set', 'output=yaml', '--json']);
    expect(badValue.json().error?.message).toContain('one of: human, json');
    expect((await runIn(['config', '--json'])).json().error?.message).toMatch(/exactly one of/);
  });
});
