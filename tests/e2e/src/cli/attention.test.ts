import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MaestroClient } from '@maestro/client/node';
import { readAllOutput, startTestRunner, waitForSession } from '../harness/stack.js';
import type { InboxItem, Session } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { answeredCalls, expectSuccess, runCli, tempHome, watchStarted } from './helpers.js';
import { publishedIn } from './published.js';

/**
 * Attention end to end: a real server, a real runner, agents in real PTYs
 * running the built `maestro`, and the CLI a person (or an orchestrator) uses
 * to see and answer them.
 */

let server: ServerProcess;
let client: MaestroClient;
let stopRunner: () => Promise<void>;
let env: Record<string, string>;
const covered = new Set<string>();

beforeAll(async () => {
  server = await spawnServer();
  const started = await startTestRunner({ url: server.url, token: server.token });
  client = started.client;
  stopRunner = () => started.runner.stop();
  env = { HOME: tempHome(), MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token };
  const project = await runCli(['project', 'create', 'cli-attention', '--dir', mkdtempSync(join(tmpdir(), 'attention-')), '--json'], env);
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

async function spawnAgent(title: string, script: string): Promise<string> {
  const task = expectSuccess<{ id: string }>(await runCli(['task', 'create', title, '--json'], env), 'task create').id;
  const spawned = expectSuccess<{ id: string }>(
    await runCli(['session', 'spawn', '--task', task, '--agent', 'custom', '--command', script, '--json'], env),
    'session spawn',
  );
  return spawned.id;
}

/** Polls the session until `check` holds; returns it and when it was first seen holding. */
async function until(id: string, check: (s: Session) => boolean, timeoutMs = 20_000): Promise<{ session: Session; at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const session = await client.trpc.session.get.query({ id });
    if (check(session)) return { session, at: Date.now() };
    if (Date.now() > deadline)
      throw new Error(`session ${id}: condition not met in ${timeoutMs} ms; attention ${JSON.stringify(session.attention)}, status ${session.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('attention through the CLI', () => {
  test('an agent asks (needs-input), is answered with `session send`, continues; the state goes working; once ended it is unseen until `session logs`', async () => {
    const script = [
      'echo "asking at $(date +%s%3N)"',
      'maestro session needs-input "Which database?" > /dev/null',
      'read answer',
      'echo "answer=$answer"',
      'maestro session working "using $answer" > /dev/null',
      'sleep 1',
    ].join('; ');
    const id = await spawnAgent('choose a database', script);
    const asked = await until(id, (s) => s.attention?.state === 'needs_input');
    expect(asked.session.attention).toMatchObject({ state: 'needs_input', source: 'agent', message: 'Which database?' });
    const askedAt = Number(/asking at (\d+)/.exec((await readAllOutput(client, id)).toString())?.[1]);
    // From the agent running the command to the server holding the question: within 1 s (CLI start-up included).
    expect(Date.parse(asked.session.attention!.since) - askedAt).toBeLessThan(1_000);
    expect(asked.at - askedAt).toBeLessThan(1_500);

    const listed = await json<{ items: InboxItem[] }>('inbox', []);
    expect(listed.items.find((i) => i.sessionId === id)).toMatchObject({ kind: 'needs_input', detail: 'Which database?', source: 'agent' });
    const asking = expectSuccess<{ items: Session[] }>(await runCli(['session', 'list', '--attention', 'needs_input', '--json'], env), 'session list');
    expect(asking.items.map((s) => s.id)).toContain(id);

    const sent = await json<{ delivered: boolean; session: Session }>('session send', [id, 'Postgres']);
    expect(sent.delivered).toBe(true);
    expect(sent.session.attention).toMatchObject({ state: 'working', source: 'heuristic', message: 'answered in the terminal' });

    const working = await until(id, (s) => s.attention?.source === 'agent' && s.attention.state === 'working');
    expect(working.session.attention?.message).toBe('using Postgres');
    expect((await readAllOutput(client, id)).toString()).toContain('answer=Postgres');

    const ended = await waitForSession(client, id);
    expect(ended.attention).toMatchObject({ state: 'unseen', source: 'system' });
    const inbox = await json<{ items: InboxItem[] }>('inbox', []);
    expect(inbox.items.find((i) => i.sessionId === id)).toMatchObject({ kind: 'finished' });

    const logs = expectSuccess<{ output: string }>(await runCli(['session', 'logs', id, '--json'], env), 'session logs');
    expect(logs.output).toContain('answer=Postgres');
    const seen = await client.trpc.session.get.query({ id });
    expect(seen.attention).toBeNull();
    expect(seen.seenAt).not.toBeNull();
    expect((await json<{ items: InboxItem[] }>('inbox', [])).items.some((i) => i.sessionId === id)).toBe(false);
  }, 60_000);

  test('session idle and working from inside a session; get and status show the state, its source and age', async () => {
    const id = await spawnAgent('wait a bit', 'maestro session idle "waiting for review" > /dev/null; sleep 3; maestro session working > /dev/null; sleep 30');
    await until(id, (s) => s.attention?.state === 'idle' && s.attention.source === 'agent');
    const get = await runCli(['session', 'get', id], env);
    expect(get.stdout).toMatch(/attention:\s+idle \d+s \(agent\): waiting for review/);
    const status = await runCli(['status', '--json'], env);
    expect(expectSuccess<{ attention: Record<string, number> }>(status, 'status').attention.idle).toBeGreaterThanOrEqual(1);
    // The agent's own token: signalling needs no id inside a session.
    const { session: working } = await until(id, (s) => s.attention?.state === 'working' && s.attention.source === 'agent');
    expect(working.attention?.message).toBeNull();
    const idle = await json<Session>('session idle', ['--session', id, 'paused by hand']);
    expect(idle.attention).toMatchObject({ state: 'idle', source: 'agent', message: 'paused by hand' });
    const back = await json<Session>('session working', ['--session', id]);
    expect(back.attention?.state).toBe('working');
    const asked = await json<Session>('session needs-input', ['--session', id, 'Ship it?']);
    expect(asked.attention).toMatchObject({ state: 'needs_input', message: 'Ship it?' });
    await client.trpc.session.stop.mutate({ id });
    await waitForSession(client, id);
  }, 60_000);

  test('`watch` prints a line for each attention change: from, to, source and the question', async () => {
    const project = await client.trpc.project.create.mutate({ name: 'attention-watch', workingDir: mkdtempSync(join(tmpdir(), 'attention-watch-')) });
    const task = await client.trpc.task.create.mutate({ projectId: project.id, title: 'watched' });
    const { id } = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'sleep 30' });
    await waitForSession(client, id, ['active']);
    const headsBefore = await answeredCalls(server.url, 'events.head');
    const watching = runCli(['watch', '--count', '3', '--project', project.id], env);
    await watchStarted(server.url, headsBefore);
    await client.trpc.session.attention.mutate({ id, state: 'needs_input', source: 'hook', message: 'Allow Bash?' });
    await client.trpc.session.attention.mutate({ id, state: 'working', source: 'agent' });
    await client.trpc.session.markSeen.mutate({ id });
    const out = await watching;
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`session:attention\\s+${id} working → needs_input \\(hook\\): Allow Bash\\?`));
    expect(out.stdout).toMatch(new RegExp(`session:attention\\s+${id} needs_input → working \\(agent\\)`));
    expect(out.stdout).toMatch(new RegExp(`session:attention\\s+${id} seen`));
    await client.trpc.session.stop.mutate({ id });
  }, 60_000);

  test('every published attention command was exercised', async () => {
    expect([...covered].sort()).toEqual(await publishedIn('attention'));
  });
});
