import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRunner } from '../harness/stack.js';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectFailure, expectSuccess, runCli, schemaErrors, tempHome } from './helpers.js';
import { publishedIn } from './published.js';

let server: ServerProcess;
let stopRunner: () => Promise<void>;
let env: Record<string, string>;
const covered = new Set<string>();

beforeAll(async () => {
  server = await spawnServer();
  const { runner } = await startTestRunner({ url: server.url, token: server.token });
  stopRunner = () => runner.stop();
  env = { HOME: tempHome(), MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token, MAESTRO_RUNNER_DIR: mkdtempSync(join(tmpdir(), 'cli-runner-dir-')) };
  const project = await runCli(['project', 'create', 'cli-sessions', '--dir', tmpdir(), '--json'], env);
  env.MAESTRO_PROJECT_ID = expectSuccess<{ id: string }>(project, 'project create').id;
});
afterAll(async () => {
  await stopRunner?.();
  await server?.stop();
});

async function json<T>(command: string, args: string[], timeoutMs?: number): Promise<T> {
  covered.add(command);
  return expectSuccess<T>(await runCli([...command.split(' '), ...args, '--json'], env, timeoutMs), command);
}

async function newTask(title: string): Promise<string> {
  return expectSuccess<{ id: string }>(await runCli(['task', 'create', title, '--json'], env), 'task create').id;
}

describe('maestro session … against a server with a real runner', () => {
  test('spawn --wait, list, get, logs, logs --follow, stop', async () => {
    const task = await newTask('say hello');
    const spawned = await json<{ id: string; status: string }>(
      'session spawn',
      ['--task', task, '--agent', 'custom', '--command', 'echo hello from the agent; sleep 0.3', '--wait'],
      60_000,
    );
    expect(['active', 'completed']).toContain(spawned.status);
    expect((await json<{ items: { id: string }[] }>('session list', ['--task', task])).items.map((s) => s.id)).toEqual([spawned.id]);

    const follow = await runCli(['session', 'logs', spawned.id, '--follow', '--json'], env, 60_000);
    covered.add('session logs --follow');
    expect(follow.code, follow.stderr).toBe(0);
    const lines = follow.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; data: string });
    for (const line of lines) expect(schemaErrors('session-logs-follow.json', line)).toBeNull();
    expect(lines.map((l) => Buffer.from(l.data, 'base64').toString()).join('')).toContain('hello from the agent');

    expect((await json<{ status: string }>('session get', [spawned.id])).status).toBe('completed');
    const logs = await json<{ output: string; ended: boolean }>('session logs', [spawned.id]);
    expect(logs.ended).toBe(true);
    expect(logs.output).toContain('hello from the agent');

    const long = await json<{ id: string }>(
      'session spawn',
      ['--task', await newTask('run long'), '--agent', 'custom', '--command', 'sleep 600', '--wait'],
      60_000,
    );
    const stopping = await json<{ stopRequestedAt: string | null }>('session stop', [long.id]);
    expect(stopping.stopRequestedAt).not.toBeNull();
    for (let i = 0; i < 100; i++) {
      const s = await json<{ status: string }>('session get', [long.id]);
      if (s.status === 'stopped') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await json<{ status: string }>('session get', [long.id])).status).toBe('stopped');
  });

  test('an unknown agent command fails the spawn: exit 6 with --wait, SPAWN_FAILED naming the command', async () => {
    const task = await newTask('doomed');
    const result = await runCli(
      ['session', 'spawn', '--task', task, '--agent', 'custom', '--command', 'no-such-agent-binary --go', '--wait', '--json'],
      env,
      60_000,
    );
    const error = expectFailure(result, 'SPAWN_FAILED', 6);
    expect(error.message).toContain('Command not found: no-such-agent-binary');
  });

  test('an agent named in the config runs its command; an unknown name is refused with a hint', async () => {
    const set = await runCli(['config', '--set', 'agents.echoer.command=echo named agent ran', '--json'], env);
    expect(set.code, set.stderr).toBe(0);
    const task = await newTask('named agent');
    const spawned = await json<{ id: string; agent: string; command: string }>('session spawn', ['--task', task, '--agent', 'echoer', '--wait'], 60_000);
    expect(spawned).toMatchObject({ agent: 'custom', command: 'echo named agent ran' });
    for (let i = 0; i < 100 && !(await json<{ ended: boolean }>('session logs', [spawned.id])).ended; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await json<{ output: string }>('session logs', [spawned.id])).output).toContain('named agent ran');
    const unknown = await runCli(['session', 'spawn', '--task', task, '--agent', 'nobody', '--json'], env);
    expect(expectFailure(unknown, 'VALIDATION', 1).hint).toContain('agents.nobody.command');
  });

  test('spawning for a task that does not exist is exit 2, and writes no session', async () => {
    const result = await runCli(['session', 'spawn', '--task', 'tsk_0000000000', '--agent', 'custom', '--command', 'true', '--json'], env);
    expectFailure(result, 'NOT_FOUND', 2);
    expect(await json<{ items: unknown[]; total: number; nextCursor: string | null }>('session list', ['--task', 'tsk_0000000000'])).toMatchObject({
      items: [],
      total: 0,
      nextCursor: null,
    });
  });

  test('cleanup with no worktrees reports nothing to do', async () => {
    expect(await json<unknown[]>('session cleanup', [])).toEqual([]);
  });

  test('skill list, show and validate, and prompt', async () => {
    const skills = await json<{ skills: { name: string }[] }>('skill list', []);
    expect(skills.skills.map((s) => s.name)).toEqual(expect.arrayContaining(['maestro-cli', 'maestro-worker', 'maestro-orchestrator']));
    expect((await json<{ body: string }>('skill show', ['maestro-worker'])).body).toContain('maestro task start');
    const builtin = join(__dirname, '..', '..', '..', '..', 'skills');
    expect((await json<{ valid: string[] }>('skill validate', [builtin])).valid).toHaveLength(3);
    const task = await newTask('prompt me');
    const prompt = await json<{ text: string; skills: string[] }>('prompt', ['--role', 'worker', '--task', task]);
    expect(prompt.skills).toEqual(['maestro-cli', 'maestro-worker']);
    expect(prompt.text).toContain(task);
  });

  test('every published session, skill and prompt command was exercised', async () => {
    expect([...covered].sort()).toEqual(await publishedIn('session'));
  });
});
