import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Project, Task, TaskDetail, TaskTreeNode } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectFailure, expectSuccess, runCli, schemaErrors, tempHome, type CliResult } from './helpers.js';
import { publishedIn } from './published.js';

let server: ServerProcess;
let home: string;
let env: Record<string, string>;
const covered = new Set<string>();

/** Runs a command with --json against the test server and checks its output against the published schema. */
async function ok<T>(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<T> {
  covered.add(command);
  const result = await runCli([...command.split(' '), ...args, '--json'], { ...env, ...extraEnv });
  return expectSuccess<T>(result, command);
}

function cli(args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(args, { ...env, ...extraEnv });
}

beforeAll(async () => {
  server = await spawnServer();
  home = tempHome();
  env = { HOME: home, MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token };
});

afterAll(async () => {
  await server?.stop('SIGKILL');
});

describe('every command in --json mode matches its published schema', () => {
  let project: Project;

  test('project create, list, get, use', async () => {
    project = await ok<Project>('project create', ['CLI project', '--dir', '/tmp']);
    expect(project).toMatchObject({ name: 'CLI project', workingDir: '/tmp' });
    const list = await ok<Project[]>('project list', []);
    expect(list.map((p) => p.id)).toContain(project.id);
    expect(await ok<Project>('project get', [project.id])).toMatchObject({ id: project.id });
    const used = await ok<{ project: Project; path: string }>('project use', [project.id]);
    expect(used.path).toBe(join(home, '.maestro', 'config.json'));
    expect(statSync(used.path).mode & 0o777).toBe(0o600);
    // The saved project is now the default: no --project needed.
    expect(await ok<Project>('project get', [])).toMatchObject({ id: project.id });
  });

  test('task and subtask commands, status, whoami and config', async () => {
    const a = await ok<Task>('task create', ['Design the schema', '--priority', 'high', '--desc', 'tables first']);
    const b = await ok<Task>('task create', ['Write the API', '--depends-on', a.id]);
    expect(a).toMatchObject({ title: 'Design the schema', priority: 'high', description: 'tables first', status: 'todo' });

    const all = await ok<{ items: Task[]; total: number }>('task list', []);
    expect(all.items.map((t) => t.id)).toEqual([a.id, b.id]);
    const high = await ok<{ items: Task[] }>('task list', ['--priority', 'high,urgent', '--status', 'todo']);
    expect(high.items.map((t) => t.id)).toEqual([a.id]);
    const ready = await ok<{ items: Task[] }>('task ready', []);
    expect(ready.items.map((t) => t.id)).toEqual([a.id]);
    const detail = await ok<TaskDetail>('task get', [b.id]);
    expect(detail.dependencies.map((d) => d.id)).toEqual([a.id]);
    expect(detail.ready).toBe(false);

    const sub = await ok<Task>('subtask create', [a.id, 'Draw the tables']);
    expect(sub.parentId).toBe(a.id);
    expect((await ok<Task[]>('subtask list', [a.id])).map((t) => t.id)).toEqual([sub.id]);
    expect(await ok<Task>('subtask update', [sub.id, '--title', 'Draw every table'])).toMatchObject({ title: 'Draw every table' });
    const tree = await ok<TaskTreeNode[]>('task tree', [a.id]);
    expect(tree[0]?.children.map((c) => c.id)).toEqual([sub.id]);
    expect((await ok<TaskTreeNode[]>('task tree', [])).map((n) => n.id)).toEqual([a.id, b.id]);

    const updated = await ok<Task>('task update', [b.id, '--priority', 'urgent', '--expected-version', String(b.version)]);
    expect(updated.priority).toBe('urgent');
    await ok('task comment', [b.id, 'Needs the schema first']);
    await ok('task deps remove', [b.id, a.id]);
    await ok('task deps add', [b.id, a.id]);

    const claimed = await ok<Task>('task claim', ['--as', 'alice']);
    expect(claimed).toMatchObject({ id: a.id, status: 'in_progress', assignee: 'alice' });
    const mine = await ok<{ items: Task[] }>('task list', ['--mine', '--as', 'alice']);
    expect(mine.items.map((t) => t.id)).toEqual([a.id]);
    expect(await ok<Task>('task block', [a.id, '--reason', 'Waiting for review'])).toMatchObject({ status: 'blocked', blockedReason: 'Waiting for review' });
    const status = await ok<{ blocked: { id: string; blockedReason: string }[]; byStatus: Record<string, number> }>('status', []);
    expect(status.blocked).toEqual([expect.objectContaining({ id: a.id, blockedReason: 'Waiting for review' })]);
    expect(await ok<Task>('task unblock', [a.id])).toMatchObject({ status: 'in_progress', blockedReason: null });
    expect(await ok<Task>('subtask complete', [sub.id])).toMatchObject({ status: 'completed' });
    expect(await ok<Task>('task complete', [a.id])).toMatchObject({ status: 'completed' });
    // An optional id defaults to the first of MAESTRO_TASK_IDS.
    expect(await ok<Task>('task start', [], { MAESTRO_TASK_IDS: `${b.id},${a.id}` })).toMatchObject({ id: b.id, status: 'in_progress' });

    const timeline = await ok<{ type: string; payload: { action?: string; reason?: string } }[]>('task timeline', [a.id]);
    expect(timeline.map((e) => e.payload.action ?? e.type)).toEqual(expect.arrayContaining(['task:created', 'claim', 'block', 'unblock', 'complete']));
    expect(timeline.find((e) => e.payload.action === 'block')?.payload.reason).toBe('Waiting for review');

    const extra = await ok<Task>('task create', ['Throwaway']);
    const extraSub = await ok<Task>('subtask create', [extra.id, 'Throwaway child']);
    expect(await ok<{ deletedIds: string[] }>('subtask delete', [extraSub.id])).toEqual({ deletedIds: [extraSub.id] });
    expect(await ok<{ deletedIds: string[] }>('task delete', [extra.id, '--cascade'])).toEqual({ deletedIds: [extra.id] });

    const who = await ok<{ inSession: boolean }>('whoami', []);
    expect(who.inSession).toBe(false);
    const inSession = await ok('whoami', [], {
      MAESTRO_SESSION_ID: 'ses_0123456789',
      MAESTRO_TASK_IDS: a.id,
      MAESTRO_PROJECT_ID: project.id,
      MAESTRO_ROLE: 'worker',
    });
    expect(inSession).toEqual({ inSession: true, sessionId: 'ses_0123456789', projectId: project.id, taskIds: [a.id], role: 'worker', skill: null });

    expect(await ok('config', ['--set', 'retries=5'])).toMatchObject({ key: 'retries', value: 5 });
    expect(await ok('config', ['--get', 'retries'])).toMatchObject({ key: 'retries', value: 5 });
    expect(await ok('config', ['--list'])).toMatchObject({ values: { retries: 5, project: project.id } });
  });

  test('nothing ready: task claim exits 2 with NOTHING_READY', async () => {
    const result = await cli(['task', 'claim', '--next', '--json']);
    const error = expectFailure(result, 'NOTHING_READY', 2);
    expect(error.hint).toMatch(/maestro status/);
  });

  test('watch --json prints events one per line, each a valid event (see watch.test.ts for restarts)', async () => {
    covered.add('watch');
    const watch = cli(['watch', '--json', '--since', '0', '--count', '3']);
    const result = await watch;
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; type: string });
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(schemaErrors('watch.json', line)).toBeNull();
    expect(lines[0]?.type).toBe('project:created');
  });

  test('every published command was exercised', async () => {
    expect([...covered].sort()).toEqual(await publishedIn('commands'));
  });
});

describe('project create --dir on a path this machine does not have', () => {
  test('creates the project and warns on stderr (a runner elsewhere may have the path); with --json stdout is still one document', async () => {
    const missing = join(tmpdir(), `maestro-no-such-dir-${process.pid}`, 'repo');
    const own = { HOME: tempHome() };
    const asJson = await cli(['project', 'create', 'Elsewhere', '--dir', missing, '--json'], own);
    expect(expectSuccess<Project>(asJson, 'project create').workingDir).toBe(missing);
    expect(asJson.stderr).toContain(`warning: ${missing} does not exist on this machine`);
    const human = await cli(['project', 'create', 'Elsewhere too', '--dir', missing], own);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toContain(`warning: ${missing} does not exist on this machine`);
    const present = await cli(['project', 'create', 'Here', '--dir', tmpdir(), '--json'], own);
    expectSuccess<Project>(present, 'project create');
    expect(present.stderr).not.toContain('warning');
  });
});

describe('the full lifecycle, driven only by the CLI', () => {
  test('create → subtasks → start → block with reason → unblock → complete subtasks → complete', async () => {
    const project = expectSuccess<Project>(await cli(['project', 'create', 'Lifecycle', '--json']), 'project create');
    const p = ['--project', project.id];
    const task = expectSuccess<Task>(await cli(['task', 'create', 'Ship the feature', ...p, '--json']), 'task create');
    const subtasks: Task[] = [];
    for (const title of ['Write code', 'Write tests']) {
      subtasks.push(expectSuccess<Task>(await cli(['subtask', 'create', task.id, title, '--json']), 'subtask create'));
    }
    expect(expectSuccess<Task>(await cli(['task', 'start', task.id, '--json']), 'task start').status).toBe('in_progress');
    const blocked = expectSuccess<Task>(await cli(['task', 'block', task.id, '--reason', 'Staging is down', '--json']), 'task block');
    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'Staging is down' });
    // Completing while subtasks are open is a conflict (exit 5), not a silent success.
    expect((await cli(['task', 'complete', task.id, '--json'])).code).toBe(5);
    expect(expectSuccess<Task>(await cli(['task', 'unblock', task.id, '--json']), 'task unblock').status).toBe('in_progress');
    expectFailure(await cli(['task', 'complete', task.id, '--json']), 'CHILDREN_INCOMPLETE', 5);
    for (const sub of subtasks) {
      expect(expectSuccess<Task>(await cli(['subtask', 'complete', sub.id, '--json']), 'subtask complete').status).toBe('completed');
    }
    const done = expectSuccess<Task>(await cli(['task', 'complete', task.id, '--json']), 'task complete');
    expect(done).toMatchObject({ status: 'completed', blockedReason: null });
    expect(done.completedAt).not.toBeNull();

    const timeline = expectSuccess<{ type: string; payload: { action?: string; reason?: string } }[]>(
      await cli(['task', 'timeline', task.id, '--json']),
      'task timeline',
    );
    const actions = timeline.filter((e) => e.type === 'task:updated').map((e) => e.payload.action);
    expect(actions).toEqual(expect.arrayContaining(['start', 'block', 'unblock', 'complete']));
    expect(actions.indexOf('block')).toBeLessThan(actions.indexOf('unblock'));
    const human = await cli(['task', 'timeline', task.id]);
    expect(human.stdout).toContain('Staging is down');
    const status = expectSuccess<{ byStatus: Record<string, number> }>(await cli(['status', ...p, '--json']), 'status');
    expect(status.byStatus).toMatchObject({ completed: 3, blocked: 0 });
  });
});

describe('worktree opt-in per task', () => {
  test('task create --worktree, task update --no-worktree and --worktree, subtask create --worktree; task get shows it', async () => {
    const project = expectSuccess<Project>(await cli(['project', 'create', 'Worktrees', '--json']), 'project create');
    const p = ['--project', project.id];
    const task = expectSuccess<Task>(await cli(['task', 'create', 'Isolated work', '--worktree', ...p, '--json']), 'task create');
    expect(task.worktree).toBe(true);
    expect((await cli(['task', 'get', task.id])).stdout).toMatch(/^worktree:\s+yes$/m);
    const off = expectSuccess<Task>(await cli(['task', 'update', task.id, '--no-worktree', '--json']), 'task update');
    expect(off).toMatchObject({ worktree: false, version: task.version + 1 });
    expect((await cli(['task', 'get', task.id])).stdout).not.toMatch(/^worktree/m);
    expect(expectSuccess<Task>(await cli(['task', 'update', task.id, '--worktree', '--json']), 'task update').worktree).toBe(true);
    const sub = expectSuccess<Task>(await cli(['subtask', 'create', task.id, 'Isolated part', '--worktree', '--json']), 'subtask create');
    expect(sub.worktree).toBe(true);
    expect(expectSuccess<Task>(await cli(['subtask', 'update', sub.id, '--no-worktree', '--json']), 'subtask update').worktree).toBe(false);
    expect(expectSuccess<Task>(await cli(['task', 'create', 'In place', ...p, '--json']), 'task create').worktree).toBe(false);
  });
});

describe('errors: code, exit code and a hint', () => {
  test('unknown id → exit 2, NOT_FOUND', async () => {
    const error = expectFailure(await cli(['task', 'get', 'tsk_zzzzzzzzzz', '--json']), 'NOT_FOUND', 2);
    expect(error.message).toContain('tsk_zzzzzzzzzz');
    const human = await cli(['task', 'complete', 'tsk_zzzzzzzzzz']);
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/not found/);
  });

  test('invalid status → exit 1, VALIDATION listing the allowed values, before any request', async () => {
    const error = expectFailure(await cli(['task', 'list', '--status', 'done', '--json'], { MAESTRO_API_URL: 'http://127.0.0.1:9' }), 'VALIDATION', 1);
    for (const status of ['todo', 'in_progress', 'blocked', 'in_review', 'completed', 'cancelled']) expect(error.message).toContain(status);
    const human = await cli(['task', 'update', 'tsk_0123456789', '--status', 'finished']);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('todo, in_progress, blocked, in_review, completed, cancelled');
  });

  test('wrong token → exit 4, UNAUTHORIZED, saying where the token came from', async () => {
    const error = expectFailure(await cli(['task', 'list', '--json'], { MAESTRO_TOKEN: 'not-the-right-token-at-all' }), 'UNAUTHORIZED', 4);
    expect(error.hint).toContain('MAESTRO_TOKEN');
    const viaFlag = await cli(['project', 'list', '--token', 'also-wrong-token-xxxxxxxx']);
    expect(viaFlag.code).toBe(4);
    expect(viaFlag.stderr).toContain('--token');
  });

  test('stale version → exit 5, VERSION_CONFLICT with a re-read hint', async () => {
    const task = expectSuccess<Task>(await cli(['task', 'create', 'Versioned', '--json']), 'task create');
    await cli(['task', 'update', task.id, '--title', 'Changed']);
    const error = expectFailure(await cli(['task', 'update', task.id, '--title', 'Stale', '--expected-version', '1', '--json']), 'VERSION_CONFLICT', 5);
    expect(error.hint).toMatch(/Re-read/);
  });

  test('missing project → exit 1 saying how to set one', async () => {
    const error = expectFailure(await runCli(['task', 'list', '--json'], { MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token }), 'VALIDATION', 1);
    expect(error.hint).toMatch(/--project.*MAESTRO_PROJECT_ID.*maestro project use/);
  });

  test('a local user needs no token: it is read from the server data directory', async () => {
    const result = await runCli(['project', 'list', '--json'], { MAESTRO_API_URL: server.url, MAESTRO_DATA_DIR: server.dataDir });
    expectSuccess(result, 'project list');
  });
});

describe('human output', () => {
  test('aligned table, no colour when piped, nothing but the table on stdout', async () => {
    const result = await cli(['task', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b[');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+PRIORITY\s+TITLE/);
    const statusColumn = lines[0]!.indexOf('STATUS');
    for (const line of lines.slice(1)) expect(line.slice(statusColumn)).toMatch(/^(todo|in_progress|blocked|in_review|completed|cancelled)\b/);
  });

  test('--help lists examples and exit codes', async () => {
    const result = await cli(['task', 'block', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('maestro task block');
    expect(result.stdout).toContain('EXAMPLES');
    expect(result.stdout).toMatch(/EXIT CODES[\s\S]*3 {2}server unreachable/);
  });
});
