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

  test('bad keys and values are refused with what is allowed', async () => {
    const badKey = await runIn(['config', '--set', 'colour=red', '--json']);
    expect(badKey.code).toBe(1);
    expect(badKey.json().error?.hint).toContain('apiUrl, token, project, retries, retryDelay, output');
    const badValue = await runIn(['config', '--set', 'output=yaml', '--json']);
    expect(badValue.json().error?.message).toContain('one of: human, json');
    expect((await runIn(['config', '--json'])).json().error?.message).toMatch(/exactly one of/);
  });
});
