import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extractCommandLines, findBuiltinSkillsDir, splitCommandLine } from '@maestro/skills';
import { findCliBin, loggingCliDir } from '../harness/logging-cli.js';
import { matchCommand } from '@maestro/skills/testing/known-commands';

const run = promisify(execFile);
const WORKER_DIR = join(findBuiltinSkillsDir()!, 'maestro-worker');
const SCRIPT = join(WORKER_DIR, 'scripted-worker.sh');
const SESSION_ID = 'ses_scripted01';
const CLI = findCliBin();

/** The worker skill's commands in order, as command path + the flags each line uses. */
function skillSteps() {
  return extractCommandLines(readFileSync(join(WORKER_DIR, 'skill.md'), 'utf8')).map((line) => {
    const words = splitCommandLine(line).slice(1);
    return { line, command: matchCommand(words), flags: words.filter((w) => w.startsWith('--')) };
  });
}

/**
 * True when every invocation is a command the skill names, with only flags the
 * skill shows for it, and the invocations follow the skill's order (a step may
 * repeat, as subtask completion does; `task get` of another task starts the
 * loop again for that task).
 */
function followsSkill(invocations: string[][]): { ok: boolean; why?: string } {
  const steps = skillSteps();
  let at = 0;
  let task: string | undefined;
  for (const argv of invocations) {
    const command = matchCommand(argv);
    const flags = argv.filter((w) => w.startsWith('--'));
    const fits = (i: number) => steps[i]?.command === command && flags.every((f) => steps[i]!.flags.includes(f));
    const nextTask = command === 'task get' && argv[2] !== task;
    if (nextTask) task = argv[2];
    const next = steps.findIndex((_, i) => i >= (nextTask ? 0 : at) && fits(i));
    if (next < 0) return { ok: false, why: `"maestro ${argv.join(' ')}" is not a later step of the worker skill (at step ${at}: ${steps[at]?.line})` };
    at = next;
  }
  return { ok: true };
}

describe('a scripted worker that follows only the worker skill', () => {
  let server: ServerProcess;
  let client: MaestroClient;
  let projectId: string;

  beforeAll(async () => {
    if (!CLI) throw new Error('apps/cli is not built: run `npm run build -w @maestro/cli` (turbo does it before these tests)');
    server = await spawnServer();
    client = createNodeClient({ url: server.url, token: server.token });
    projectId = (await client.trpc.project.create.mutate({ name: 'scripted', workingDir: tmpdir() })).id;
  });
  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  async function runWorker(taskIds: string[], extraEnv: Record<string, string> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-worker-'));
    const commandLog = join(dir, 'commands.log');
    const workLog = join(dir, 'work.log');
    const env = {
      PATH: `${loggingCliDir(CLI!, commandLog)}:${process.env.PATH ?? ''}`,
      HOME: dir,
      NO_COLOR: '1',
      MAESTRO_API_URL: server.url,
      MAESTRO_TOKEN: server.token,
      MAESTRO_PROJECT_ID: projectId,
      MAESTRO_SESSION_ID: SESSION_ID,
      MAESTRO_TASK_IDS: taskIds.join(','),
      MAESTRO_ROLE: 'worker',
      MAESTRO_SKILL: 'maestro-worker',
      WORK_LOG: workLog,
      ...extraEnv,
    };
    const { stdout } = await run('bash', [SCRIPT], { env, timeout: 60_000 });
    const invocations = readFileSync(commandLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    const work = existsSync(workLog) ? readFileSync(workLog, 'utf8').trim().split('\n') : [];
    return { stdout, invocations, work };
  }

  async function taskWithSubtasks(title: string, subtasks: string[], dependsOn: string[] = []) {
    const task = await client.trpc.task.create.mutate({ projectId, title, description: `Done when: ${subtasks.join('; ')}.`, dependsOn });
    const subs = [];
    for (const s of subtasks) subs.push(await client.trpc.subtask.create.mutate({ taskId: task.id, title: s }));
    return { task, subs };
  }

  test('completes a task with subtasks end to end, subtask by subtask, in the skill’s order', async () => {
    const dep = await client.trpc.task.create.mutate({ projectId, title: 'schema exists' });
    await client.trpc.task.complete.mutate({ id: dep.id });
    const { task, subs } = await taskWithSubtasks('Add coupon codes', ['model', 'rules', 'form'], [dep.id]);

    const { stdout, invocations, work } = await runWorker([task.id]);

    expect(stdout).toContain(`completed ${task.id}`);
    expect(work).toEqual(subs.map((s) => s.id));
    expect(invocations.map((a) => a.filter((w) => w !== '--json').join(' '))).toEqual([
      'whoami',
      `task get ${task.id}`,
      `task start ${task.id}`,
      ...subs.map((s) => `subtask complete ${s.id}`),
      `task get ${task.id}`,
      `task complete ${task.id}`,
    ]);
    expect(followsSkill(invocations)).toEqual({ ok: true });
    const done = await client.trpc.task.get.query({ id: task.id });
    expect(done.status).toBe('completed');
    expect(done.subtasks.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
    const finished = done.subtasks.map((s) => Date.parse(s.completedAt!));
    expect(Math.max(...finished)).toBeLessThanOrEqual(Date.parse(done.completedAt!));
    expect(Date.parse(done.startedAt!)).toBeLessThanOrEqual(Math.min(...finished));
  });

  test('on a blocker it blocks with the reason and stops; a rerun after unblocking resumes and completes', async () => {
    const { task, subs } = await taskWithSubtasks('Deploy to staging', ['deploy', 'smoke test']);

    const first = await runWorker([task.id], { BLOCK_REASON: 'need the staging credentials from ops' });
    expect(first.stdout).toContain(`blocked ${task.id}`);
    expect(first.work).toEqual([]);
    expect(followsSkill(first.invocations)).toEqual({ ok: true });
    const blocked = await client.trpc.task.get.query({ id: task.id });
    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'need the staging credentials from ops' });

    await client.trpc.task.unblock.mutate({ id: task.id });
    const second = await runWorker([task.id]);
    expect(second.work).toEqual(subs.map((s) => s.id));
    expect(followsSkill(second.invocations)).toEqual({ ok: true });
    expect((await client.trpc.task.get.query({ id: task.id })).status).toBe('completed');
  });

  test('an open dependency is a blocker naming it; the next task still gets done', async () => {
    const open = await client.trpc.task.create.mutate({ projectId, title: 'API first' });
    const waiting = await taskWithSubtasks('UI on the API', ['page'], [open.id]);
    const free = await taskWithSubtasks('Docs', ['readme']);

    const { stdout, invocations } = await runWorker([waiting.task.id, free.task.id]);

    expect(stdout).toContain(`blocked ${waiting.task.id}: waits for ${open.id}`);
    expect(stdout).toContain(`completed ${free.task.id}`);
    expect(followsSkill(invocations)).toEqual({ ok: true });
    expect(await client.trpc.task.get.query({ id: waiting.task.id })).toMatchObject({ status: 'blocked', blockedReason: `waits for ${open.id}` });
    expect((await client.trpc.task.get.query({ id: free.task.id })).status).toBe('completed');
  });
});

describe('followsSkill', () => {
  test('accepts the skill’s own order and rejects anything else', () => {
    expect(
      followsSkill([
        ['whoami', '--json'],
        ['task', 'get', 'tsk_a', '--json'],
        ['task', 'complete', 'tsk_a', '--json'],
      ]).ok,
    ).toBe(true);
    expect(
      followsSkill([
        ['task', 'start', 'tsk_a', '--json'],
        ['whoami', '--json'],
      ]).ok,
    ).toBe(false);
    expect(
      followsSkill([
        ['whoami', '--json'],
        ['task', 'claim', '--json'],
      ]).ok,
    ).toBe(false);
    expect(
      followsSkill([
        ['whoami', '--json'],
        ['task', 'start', 'tsk_a', '--force'],
      ]).ok,
    ).toBe(false);
  });
});
