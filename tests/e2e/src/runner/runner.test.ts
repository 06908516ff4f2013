import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtCli } from '../harness/cli.js';
import { readAllOutput, startStack, startTestRunner, waitForSession, type Stack } from '../harness/stack.js';
import type { Runner } from '@maestro/runner';

let stack: Stack;
let runner: Runner;
const scratch = mkdtempSync(join(tmpdir(), 'maestro-runner-test-'));

beforeAll(async () => {
  stack = await startStack();
  runner = (await startTestRunner({ url: stack.server.url, token: stack.server.token })).runner;
});
afterAll(async () => {
  await runner?.stop();
  await stack?.server.stop();
});

async function task(title = 'work') {
  return stack.client.trpc.task.create.mutate({ projectId: stack.project.id, title });
}

async function spawnCustom(command: string, taskTitle?: string) {
  const t = await task(taskTitle);
  const session = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command });
  return { task: t, session };
}

describe('a spawned shell agent', () => {
  test('sees every MAESTRO_* variable and can run `maestro whoami --json`', async () => {
    expect(() => builtCli(), 'the maestro CLI must be built (npm run build -w @maestro/cli)').not.toThrow();
    const envFile = join(scratch, 'env.txt');
    const whoFile = join(scratch, 'whoami.json');
    const { task: t, session } = await spawnCustom(`env | grep ^MAESTRO_ | sort > ${envFile}; maestro whoami --json > ${whoFile}`);
    const ended = await waitForSession(stack.client, session.id);
    expect(ended.status).toBe('completed');
    const env = Object.fromEntries(
      readFileSync(envFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(env).toMatchObject({
      MAESTRO_API_URL: stack.server.url,
      MAESTRO_PROJECT_ID: stack.project.id,
      MAESTRO_SESSION_ID: session.id,
      MAESTRO_TASK_IDS: t.id,
      MAESTRO_SKILL: 'maestro-worker',
      MAESTRO_ROLE: 'worker',
    });
    expect(env.MAESTRO_TOKEN).toMatch(/^mst_/);
    expect(readFileSync(env.MAESTRO_PROMPT_FILE!, 'utf8')).toContain(session.id);
    const who = JSON.parse(readFileSync(whoFile, 'utf8')) as { success: boolean; data: Record<string, unknown> };
    expect(who.success).toBe(true);
    expect(JSON.stringify(who.data)).toContain(session.id);
  });

  test('its session token reaches its own project and nothing else, and dies with the session', async () => {
    const envFile = join(scratch, 'token-env.txt');
    const other = await stack.client.trpc.project.create.mutate({ name: `other-${Date.now()}`, workingDir: scratch });
    const foreign = await stack.client.trpc.task.create.mutate({ projectId: other.id, title: 'not yours' });
    const { task: own, session } = await spawnCustom(`env | grep ^MAESTRO_TOKEN= > ${envFile}; sleep 30`);
    await waitForSession(stack.client, session.id, ['active']);
    // The agent has written its token once the line is complete.
    const written = () => (existsSync(envFile) ? readFileSync(envFile, 'utf8') : '');
    await expect.poll(written, { timeout: 30_000 }).toMatch(/^MAESTRO_TOKEN=.+\n$/);
    const token = readFileSync(envFile, 'utf8').trim().split('=')[1]!;
    const agent = createNodeClient({ url: stack.server.url, token });
    expect((await agent.trpc.task.get.query({ id: own.id })).id).toBe(own.id);
    await expect(agent.trpc.task.get.query({ id: foreign.id })).rejects.toMatchObject({ data: { maestro: { code: 'FORBIDDEN' } } });
    await expect(agent.trpc.task.update.mutate({ id: foreign.id, title: 'mine now' })).rejects.toMatchObject({ data: { maestro: { code: 'FORBIDDEN' } } });
    await expect(agent.trpc.task.list.query({ projectId: other.id })).rejects.toMatchObject({ data: { maestro: { code: 'FORBIDDEN' } } });
    await expect(agent.trpc.project.delete.mutate({ id: stack.project.id })).rejects.toMatchObject({ data: { maestro: { code: 'FORBIDDEN' } } });
    await stack.client.trpc.session.stop.mutate({ id: session.id });
    expect((await waitForSession(stack.client, session.id)).status).toBe('stopped');
    await expect(agent.trpc.task.get.query({ id: own.id })).rejects.toMatchObject({ data: { maestro: { code: 'UNAUTHORIZED' } } });
    agent.close();
  });
});

describe('output', () => {
  test('replay from offset 0 returns exactly the bytes the agent wrote', async () => {
    const data = Buffer.alloc(300_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919 + (i >> 8)) % 256;
    const file = join(scratch, 'payload.bin');
    writeFileSync(file, data);
    // -opost: the terminal passes bytes through unchanged (no LF → CRLF).
    const { session } = await spawnCustom(`stty -opost -echo; cat ${file}`);
    expect((await waitForSession(stack.client, session.id)).status).toBe('completed');
    const stored = await readAllOutput(stack.client, session.id);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(stored.length).toBe(data.length);
    expect(sha(stored)).toBe(sha(data));
  });

  test('input sent through sendInput reaches the process', async () => {
    const { session } = await spawnCustom(`echo ready; read line; echo "got:$line"`);
    await waitForSession(stack.client, session.id, ['active']);
    // The agent is running and its terminal is wired to the runner once its first output is stored.
    await expect.poll(async () => (await readAllOutput(stack.client, session.id)).toString(), { timeout: 30_000 }).toContain('ready');
    await stack.client.trpc.session.sendInput.mutate({ id: session.id, data: 'hello maestro\r' });
    expect((await waitForSession(stack.client, session.id)).status).toBe('completed');
    expect((await readAllOutput(stack.client, session.id)).toString()).toContain('got:hello maestro');
  });
});

describe('lifecycle', () => {
  test('a failing command ends failed with its exit code, and its task is released with a reason', async () => {
    const { task: t, session } = await spawnCustom('exit 3');
    const ended = await waitForSession(stack.client, session.id);
    expect(ended).toMatchObject({ status: 'failed', exitCode: 3 });
    const after = await stack.client.trpc.task.get.query({ id: t.id });
    expect(after.status).toBe('blocked');
    expect(after.assignee).toBeNull();
    expect(after.blockedReason).toContain(session.id);
    const timeline = await stack.client.trpc.events.list.query({ taskId: t.id });
    expect(timeline.items.map((e) => (e.type === 'task:updated' ? e.payload.action : e.type))).toEqual(expect.arrayContaining(['assign', 'release']));
  });

  test('an unknown command fails with an error that names it', async () => {
    const { session } = await spawnCustom('definitely-not-a-command-xyz --flag');
    const ended = await waitForSession(stack.client, session.id);
    expect(ended.status).toBe('failed');
    expect(ended.error).toContain('Command not found: definitely-not-a-command-xyz');
  });

  test('a missing agent binary fails with an install hint', async () => {
    const t = await task();
    const session = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'gemini' });
    const ended = await waitForSession(stack.client, session.id);
    expect(ended.status).toBe('failed');
    expect(ended.error).toMatch(/Command 'gemini' was not found.*--agent custom/);
  });

  test('a project directory missing on the runner fails with an error that names it', async () => {
    const gone = join(scratch, 'moved-away');
    const project = await stack.client.trpc.project.create.mutate({ name: `gone-${Date.now()}`, workingDir: gone });
    const t = await stack.client.trpc.task.create.mutate({ projectId: project.id, title: 'nowhere to run' });
    const session = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command: 'echo never' });
    const ended = await waitForSession(stack.client, session.id);
    expect(ended.status).toBe('failed');
    expect(ended.error).toContain(`working directory ${gone} does not exist on this runner's machine`);
    // Refused before the agent ran: the task is left as it was, not blocked.
    expect(await stack.client.trpc.task.get.query({ id: t.id })).toMatchObject({ status: 'todo', assignee: null });
  });

  test('stop ends a long-running process: stopped', async () => {
    const { session } = await spawnCustom('sleep 1000');
    const active = await waitForSession(stack.client, session.id, ['active']);
    expect(active.pid).toBeGreaterThan(0);
    await stack.client.trpc.session.stop.mutate({ id: session.id });
    expect((await waitForSession(stack.client, session.id)).status).toBe('stopped');
  });

  test('a session is listed by task and by status', async () => {
    const { task: t, session } = await spawnCustom('true');
    await waitForSession(stack.client, session.id);
    const byTask = (await stack.client.trpc.session.list.query({ taskId: t.id })).items;
    expect(byTask.map((s) => s.id)).toEqual([session.id]);
    const active = (await stack.client.trpc.session.list.query({ projectId: stack.project.id, active: true })).items;
    expect(active.map((s) => s.id)).not.toContain(session.id);
  });
});
