import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session, Task, TaskDetail } from '@maestro/schemas';
import { startTestRunner } from '../harness/stack.js';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { answeredCalls, expectFailure, expectSuccess, runCli, tempHome, watchStarted, type CliResult } from './helpers.js';
import { startCli, untilSession } from './long-running.js';

/**
 * Issue 13, "the first hour": what a new user meets from a fresh install, in
 * order, against a real server (a fresh data directory) and, from the middle
 * on, a real runner.
 */
let server: ServerProcess;
let env: Record<string, string>;
let stopRunner: (() => Promise<void>) | undefined;
let runnerDir: string;
const watchers: ReturnType<typeof startCli>[] = [];

beforeAll(async () => {
  server = await spawnServer();
  env = { HOME: tempHome(), MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token, MAESTRO_RUNNER_DIR: mkdtempSync(join(tmpdir(), 'first-hour-runner-')) };
});
afterAll(async () => {
  // A failed assertion must not leave watchers running.
  for (const w of watchers) w.child.kill('SIGKILL');
  await stopRunner?.();
  await server?.stop('SIGKILL');
});

const cli = (args: string[], extra: Record<string, string> = {}, timeoutMs?: number): Promise<CliResult> => runCli(args, { ...env, ...extra }, timeoutMs);
const json = async <T>(command: string, args: string[] = []): Promise<T> => expectSuccess<T>(await cli([...command.split(' '), ...args, '--json']), command);
const newTask = async (title: string) => (await json<Task>('task create', [title])).id;

describe('before any runner is connected', () => {
  test('a fresh data directory: status says what to do, and the first project create selects it', async () => {
    const first = await cli(['status']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('No projects yet');
    expect(first.stdout).toContain('maestro project create <name> --dir <path>');
    expect(first.stdout).toContain('No runner connected');
    const asJson = expectFailure(await cli(['status', '--json']), 'VALIDATION', 1);
    expect(asJson.hint).toContain('maestro project create');

    const created = await cli(['project', 'create', 'First', '--dir', tmpdir()]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Selected as the default project');
    const status = await cli(['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^Project prj_\w+: 0 tasks/);
    expect((await json<{ runners: unknown[] }>('status')).runners).toEqual([]);

    // A second project does not take over the selection; a user with none selected sees both.
    const second = await cli(['project', 'create', 'Second', '--dir', tmpdir()]);
    expect(second.stdout).toContain('Make it the default with: maestro project use');
    const other = await runCli(['status'], { ...env, HOME: tempHome() });
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('No project selected.');
    expect(other.stdout).toMatch(/First.*\n.*Second|Second.*\n.*First/);
    expect(other.stdout).toContain('Pick one: maestro project use prj_');
  });

  test('a spawn with no runner connected says so at once, and session list shows it', async () => {
    const task = await newTask('nobody to run me');
    const started = Date.now();
    const spawn = await cli(['session', 'spawn', '--task', task, '--agent', 'custom', '--command', 'true']);
    expect(spawn.code, spawn.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(spawn.stderr).toContain('No runner is connected');
    expect(spawn.stdout).toMatch(/status:\s+spawning/);
    const list = await cli(['session', 'list']);
    expect(list.stdout).toContain('Runners (0 connected)');
    expect(list.stdout).toContain('No runner connected');
    // Stopped before any runner took it: the task is left as it was.
    const id = /id:\s+(ses_\w+)/.exec(spawn.stdout)?.[1] ?? '';
    expect((await json<Session>('session stop', [id])).status).toBe('stopped');
    expect(await json<TaskDetail>('task get', [task])).toMatchObject({ status: 'todo', assignee: null });
  });

  test('an unknown skill or agent is refused at spawn, listing what exists, with nothing written', async () => {
    const task = await newTask('wrong skill');
    const before = await json<TaskDetail>('task get', [task]);
    const skill = expectFailure(
      await cli(['session', 'spawn', '--task', task, '--skill', 'nosuch', '--agent', 'custom', '--command', 'true', '--json']),
      'VALIDATION',
      1,
    );
    expect(skill.message).toBe('Unknown skill "nosuch"');
    expect(skill.hint).toContain('maestro-worker');
    const agent = expectFailure(await cli(['session', 'spawn', '--task', task, '--agent', 'nosuch', '--json']), 'VALIDATION', 1);
    expect(agent.hint).toContain('claude, codex, gemini, custom');
    expect(await json<{ total: number }>('session list', ['--task', task])).toMatchObject({ total: 0 });
    expect(await json<TaskDetail>('task get', [task])).toMatchObject({ version: before.version, assignee: null, status: 'todo' });
  });
});

describe('with a runner', () => {
  beforeAll(async () => {
    const { runner, dataDir } = await startTestRunner({ url: server.url, token: server.token }, 'first-hour-runner');
    runnerDir = dataDir;
    stopRunner = () => runner.stop();
  });

  test('status shows the connected runner; spawn --wait says on stderr how it goes', async () => {
    const status = await cli(['status']);
    expect(status.stdout).toContain('Runners (1 connected)');
    expect(status.stdout).toMatch(/first-hour-runner\s+\S+\s+\d+ s ago\s+0/);
    const data = await json<{ runners: { name: string; live: boolean }[] }>('status');
    expect(data.runners).toEqual([expect.objectContaining({ name: 'first-hour-runner', live: true })]);

    const spawn = await cli(
      ['session', 'spawn', '--task', await newTask('say hi'), '--agent', 'custom', '--command', 'echo hi; sleep 2', '--wait'],
      {},
      60_000,
    );
    expect(spawn.code, spawn.stderr).toBe(0);
    expect(spawn.stderr).toMatch(/waiting for a runner|is starting it|running/);
    expect(spawn.stderr).toMatch(/running \(pid \d+\)/);
  });

  test('a spawn that fails to start leaves its task todo, the failure on its timeline, and SPAWN_FAILED hints', async () => {
    const task = await newTask('try a command');
    const failed = expectFailure(
      await cli(['session', 'spawn', '--task', task, '--agent', 'custom', '--command', 'no-such-agent-binary --go', '--wait', '--json'], {}, 60_000),
      'SPAWN_FAILED',
      6,
    );
    expect(failed.message).toContain('Command not found: no-such-agent-binary');
    expect(failed.hint).toContain('spawn again');
    expect(await json<TaskDetail>('task get', [task])).toMatchObject({ status: 'todo', assignee: null, blockedReason: null, ready: true });
    const timeline = await json<{ type: string; actor: string; payload: { action?: string; reason?: string } }[]>('task timeline', [task]);
    const release = timeline.find((e) => e.payload.action === 'release');
    expect(release?.payload.reason).toContain('failed before its agent ran');
    expect(release?.actor).toMatch(/^run_/);

    const human = await cli(['task', 'timeline', task]);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+EVENT\s+TYPE\s+WHAT\s+BY$/);
    // Aligned: every column starts where its header does.
    for (const header of ['EVENT', 'TYPE', 'WHAT']) {
      const at = lines[0]!.indexOf(header);
      for (const line of lines.slice(1)) expect(line[at - 1], line).toBe(' ');
    }
    expect(human.stdout).not.toMatch(/:\s{2,}\S|: $|:\n/m);
    expect(human.stdout).toContain(`runner ${release?.actor ?? '?'}`);
  });

  test('session stop prints the session stopping, --wait prints it stopped; the task is left todo', async () => {
    const task = await newTask('long job');
    const session = await json<Session>('session spawn', ['--task', task, '--agent', 'custom', '--command', 'sleep 600', '--wait']);
    const stop = await cli(['session', 'stop', session.id]);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toMatch(/status:\s+stopping/);
    const stopped = await json<Session>('session stop', [session.id, '--wait']);
    expect(stopped.status).toBe('stopped');
    expect(await json<TaskDetail>('task get', [task])).toMatchObject({ status: 'todo', assignee: null });
  });

  test('watch for a person: a session printing 1 MB stays a few lines; --json keeps every event', async () => {
    const headsBefore = await answeredCalls(server.url, 'events.head');
    const human = startCli(['watch'], env);
    const summed = startCli(['watch', '--output'], env);
    const full = startCli(['watch', '--json'], env);
    watchers.push(human, summed, full);
    await Promise.all([human.waitForStderr(/watching for events/), summed.waitForStderr(/watching for events/)]);
    // The --json watcher says nothing when it starts: wait until all three have read where they start.
    await watchStarted(server.url, headsBefore + 2);
    const task = await newTask('print a megabyte');
    const session = await json<Session>('session spawn', ['--task', task, '--agent', 'custom', '--command', "head -c 1048576 /dev/zero | tr '\\0' x; echo"]);
    expect((await untilSession(env, session.id, ['completed', 'failed'])).status).toBe('completed');
    // Events arrive in order: a watcher that shows a change made after the session ended has shown the whole session.
    await newTask('after the megabyte');
    await Promise.all([human, summed, full].map((w) => w.waitForStdout(/after the megabyte/)));
    const [h, s, f] = await Promise.all([human.stop(), summed.stop(), full.stop()]);

    const lines = h.stdout.trimEnd().split('\n');
    expect(lines.length, h.stdout).toBeGreaterThan(3);
    expect(lines.length, h.stdout).toBeLessThan(30);
    for (const line of lines) expect(line.length, line).toBeLessThan(300);
    expect(h.stdout).toContain('session:spawn_requested');
    expect(h.stdout).toMatch(new RegExp(`${session.id} completed \\(exit 0\\)`));
    expect(h.stdout).toMatch(/by runner run_\w+/);
    expect(h.stdout).not.toContain('session:output');
    expect(h.stderr.match(/watching for events/g)).toHaveLength(1);

    const sLines = s.stdout.trimEnd().split('\n');
    expect(sLines.length, s.stdout).toBeLessThan(40);
    expect(s.stdout).toMatch(new RegExp(`${session.id} wrote [\\d.]+ [KM]?B of output \\(1\\.0 MB in all\\)`));

    const events = f.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; payload: { bytes?: number } });
    const output = events.filter((e) => e.type === 'session:output');
    expect(output.length).toBeGreaterThan(0);
    expect(events.length).toBe(lines.length + output.length);
    expect(output.reduce((n, e) => n + (e.payload.bytes ?? 0), 0)).toBeGreaterThanOrEqual(1_048_576);
  }, 120_000);

  test('session cleanup removes the prompt directories of ended sessions and keeps live ones', async () => {
    const live = await json<Session>('session spawn', ['--task', await newTask('still running'), '--agent', 'custom', '--command', 'sleep 600', '--wait']);
    const result = expectSuccess<{ sessionId: string; removed: boolean; kept: string | null }[]>(
      await cli(['session', 'cleanup', '--json'], { MAESTRO_RUNNER_DIR: runnerDir }),
      'session cleanup',
    );
    const removed = result.filter((r) => r.removed).map((r) => r.sessionId);
    expect(removed.length).toBeGreaterThan(2);
    expect(result.find((r) => r.sessionId === live.id)).toMatchObject({ removed: false, kept: 'session is still live' });
    const again = expectSuccess<{ sessionId: string }[]>(await cli(['session', 'cleanup', '--json'], { MAESTRO_RUNNER_DIR: runnerDir }), 'session cleanup');
    expect(again.map((r) => r.sessionId)).toEqual([live.id]);
    await json<Session>('session stop', [live.id, '--wait']);
  });
});

describe('small texts', () => {
  test('prompt --role names the flag and only the real roles', async () => {
    const error = expectFailure(await cli(['prompt', '--role', 'boss', '--task', 'tsk_0123456789', '--json']), 'VALIDATION', 1);
    expect(error.message).toBe('Invalid input: --role: "boss" is not one of: worker, orchestrator');
    expect(error.hint).not.toContain('system');
  });

  test('task get: ready aligned with the other keys, and absent for a completed task', async () => {
    const id = await newTask('readiness');
    const todo = (await cli(['task', 'get', id])).stdout.split('\n');
    const valueAt = (line: string) => line.search(/:\s+\S/) + (/:\s+/.exec(line)?.[0].length ?? 0);
    const ready = todo.find((l) => l.startsWith('ready:'));
    expect(ready).toMatch(/^ready:\s+yes$/);
    expect(valueAt(ready!)).toBe(valueAt(todo.find((l) => l.startsWith('status:'))!));
    await json('task complete', [id]);
    expect((await cli(['task', 'get', id])).stdout).not.toMatch(/^ready:/m);
  });

  test('skill validate with no directory says there is nothing to validate', async () => {
    const result = await cli(['skill', 'validate']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Nothing to validate: no \.maestro\/skills here\./);
    expectFailure(await cli(['skill', 'validate', '/no/such/dir', '--json']), 'NOT_FOUND', 2);
  });

  test('session list --json is a page like task list --json; config hints name agents.<name>.command', async () => {
    const sessions = await json<object>('session list');
    const tasks = await json<object>('task list');
    expect(Object.keys(sessions).sort()).toEqual(Object.keys(tasks).sort());
    expect(Object.keys(sessions)).toEqual(expect.arrayContaining(['items', 'nextCursor', 'total']));
    expect(expectFailure(await cli(['config', '--json']), 'VALIDATION', 1).hint).toContain('agents.<name>.command');
    expect(expectFailure(await cli(['config', '--get', 'nope', '--json']), 'VALIDATION', 1).hint).toContain('agents.<name>.command');
  });
});
