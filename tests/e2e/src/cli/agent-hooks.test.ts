import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MaestroClient } from '@maestro/client/node';
import { claudeSettings, codexNotify, geminiSettings, hookCommand, installHooks } from '@maestro/runner/hooks';
import { startTestRunner, waitForSession } from '../harness/stack.js';
import type { Attention } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COVERAGE_ENV } from './helpers.js';

/**
 * The hooks the runner installs for each agent tool: valid for the tool's
 * documented settings format (fixtures excerpted from the published schemas),
 * and, run the way the tool runs them (the event JSON on stdin, or Codex's
 * notify argument), they set the session's attention with source `hook`.
 */

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as Record<string, unknown>;

let server: ServerProcess;
let client: MaestroClient;
let stopRunner: () => Promise<void>;
let binDir: string;
let sessionId: string;

beforeAll(async () => {
  server = await spawnServer();
  const started = await startTestRunner({ url: server.url, token: server.token });
  client = started.client;
  stopRunner = () => started.runner.stop();
  binDir = join(started.dataDir, 'bin');
  const project = await client.trpc.project.create.mutate({ name: 'hooks', workingDir: mkdtempSync(join(tmpdir(), 'hooks-')) });
  const task = await client.trpc.task.create.mutate({ projectId: project.id, title: 'hooked' });
  sessionId = (await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'sleep 120' })).id;
  await waitForSession(client, sessionId, ['active']);
});
afterAll(async () => {
  await client?.trpc.session.stop.mutate({ id: sessionId }).catch(() => undefined);
  await stopRunner?.();
  await server?.stop();
});

/** Runs a hook command through a shell as the tool does, inside the session's environment; resolves with its exit code and stdout. */
function runHook(argv: string[], stdin: string): Promise<{ code: number | null; stdout: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      env: {
        PATH: `${binDir}:${process.env.PATH ?? ''}`,
        HOME: tmpdir(),
        MAESTRO_API_URL: server.url,
        MAESTRO_TOKEN: server.token,
        MAESTRO_SESSION_ID: sessionId,
        ...COVERAGE_ENV,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, ms: Date.now() - started }));
    child.stdin.end(stdin);
  });
}

async function attention(): Promise<Attention | null> {
  return (await client.trpc.session.get.query({ id: sessionId })).attention;
}

/** Every command a settings object's hooks run, by event. */
function commandsOf(settings: { hooks: Record<string, { hooks: object[] }[]> }): Map<string, string> {
  const out = new Map<string, string>();
  for (const [event, groups] of Object.entries(settings.hooks))
    for (const g of groups) for (const h of g.hooks) out.set(event, (h as { command: string }).command);
  return out;
}

describe('Claude Code hooks', () => {
  test('the settings file is valid for the documented format, and written to the session directory, passed with --settings', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(fixture('claude-hooks.schema.json'));
    expect(validate(claudeSettings()), ajv.errorsText(validate.errors)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'claude-hooks-'));
    const setup = installHooks('claude', dir);
    expect(setup.args).toEqual(['--settings', join(dir, 'claude-settings.json')]);
    expect(JSON.parse(readFileSync(join(dir, 'claude-settings.json'), 'utf8'))).toEqual(claudeSettings());
  });

  test.each([
    ['PreToolUse', { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } }, { state: 'working', message: null }],
    [
      'Notification',
      { hook_event_name: 'Notification', notification_type: 'permission_prompt', message: 'Claude needs your permission to use Bash' },
      { state: 'needs_input', message: 'Claude needs your permission to use Bash' },
    ],
    ['PostToolUse', { hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: {}, tool_response: {} }, { state: 'working', message: null }],
    [
      'PermissionRequest',
      { hook_event_name: 'PermissionRequest', tool_name: 'Write', tool_input: {} },
      { state: 'needs_input', message: 'Permission to use Write' },
    ],
    ['UserPromptSubmit', { hook_event_name: 'UserPromptSubmit', prompt: 'go on' }, { state: 'working', message: null }],
    ['Stop', { hook_event_name: 'Stop', stop_hook_active: false }, { state: 'idle', message: null }],
  ])('%s on stdin sets the state (source hook), exit 0, nothing on stdout', async (event, payload, expected) => {
    const command = commandsOf(claudeSettings()).get(event);
    expect(command).toBe(hookCommand('claude'));
    const base = { session_id: 'abc', transcript_path: '/tmp/t.jsonl', cwd: tmpdir() };
    const run = await runHook(['/bin/sh', '-c', command!], JSON.stringify({ ...base, ...payload }));
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(await attention()).toMatchObject({ ...expected, source: 'hook' });
  });
});

describe('Gemini CLI hooks', () => {
  test('the system-defaults file is valid for the documented settings schema and names only documented events', () => {
    const schema = fixture('gemini-hooks.schema.json');
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(schema);
    expect(validate(geminiSettings()), ajv.errorsText(validate.errors)).toBe(true);
    const documented = Object.keys((schema as { properties: { hooks: { properties: object } } }).properties.hooks.properties);
    expect(documented).toEqual(expect.arrayContaining(Object.keys(geminiSettings().hooks)));
    const dir = mkdtempSync(join(tmpdir(), 'gemini-hooks-'));
    expect(installHooks('gemini', dir)).toEqual({ args: [], env: { GEMINI_CLI_SYSTEM_DEFAULTS_PATH: join(dir, 'gemini-system-defaults.json') } });
  });

  test.each([
    ['BeforeAgent', { hook_event_name: 'BeforeAgent', prompt: 'go' }, { state: 'working', message: null }],
    [
      'Notification',
      { hook_event_name: 'Notification', notification_type: 'ToolPermission', message: 'Allow run_shell_command?', details: {} },
      { state: 'needs_input', message: 'Allow run_shell_command?' },
    ],
    ['AfterTool', { hook_event_name: 'AfterTool', tool_name: 'run_shell_command', tool_input: {}, tool_response: {} }, { state: 'working', message: null }],
    ['AfterAgent', { hook_event_name: 'AfterAgent', prompt: 'go', prompt_response: 'done' }, { state: 'idle', message: null }],
  ])('%s on stdin sets the state; stdout is the JSON Gemini parses', async (event, payload, expected) => {
    const command = commandsOf(geminiSettings()).get(event)!;
    const base = { session_id: 'abc', transcript_path: '/tmp/t.json', cwd: tmpdir(), timestamp: new Date().toISOString() };
    const run = await runHook(['/bin/sh', '-c', command], JSON.stringify({ ...base, ...payload }));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({});
    expect(await attention()).toMatchObject({ ...expected, source: 'hook' });
  });
});

describe('Codex notify', () => {
  test('-c notify=… is a valid notify value; Codex appends the event as one JSON argument, which sets idle with the last message', async () => {
    const setup = installHooks('codex', tmpdir());
    expect(setup.args).toEqual(['-c', codexNotify()]);
    const [key, value] = codexNotify().split(/=(.*)/s);
    const notify = { [key!]: JSON.parse(value!) as string[] };
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(fixture('codex-notify.schema.json'));
    expect(validate(notify), ajv.errorsText(validate.errors)).toBe(true);

    await client.trpc.session.attention.mutate({ id: sessionId, state: 'working', source: 'agent' });
    const event = {
      type: 'agent-turn-complete',
      'thread-id': 't1',
      'turn-id': '1',
      cwd: tmpdir(),
      'input-messages': ['go'],
      'last-assistant-message': 'Done: tests pass.',
    };
    const run = await runHook([...notify.notify!, JSON.stringify(event)], '');
    expect(run.code).toBe(0);
    expect(await attention()).toMatchObject({ state: 'idle', source: 'hook', message: 'Done: tests pass.' });
  });
});

describe('a hook never fails or stalls its tool', () => {
  test('garbage on stdin, an unknown event, or an unreachable server: exit 0, quickly, nothing changed', async () => {
    for (const stdin of ['not json', JSON.stringify({ hook_event_name: 'SessionStart' }), '']) {
      const run = await runHook(['/bin/sh', '-c', hookCommand('claude')], stdin);
      expect(run).toMatchObject({ code: 0, stdout: '' });
    }
    const before = await attention();
    const run = await runHook(['/bin/sh', '-c', `MAESTRO_API_URL=http://127.0.0.1:9 ${hookCommand('claude')}`], JSON.stringify({ hook_event_name: 'Stop' }));
    expect(run.code).toBe(0);
    expect(run.ms).toBeLessThan(5_000);
    expect(await attention()).toEqual(before);
  });
});
