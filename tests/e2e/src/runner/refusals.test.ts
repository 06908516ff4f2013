import { existsSync, mkdirSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import { freePort, spawnServer } from '@maestro/server/testing';
import { waitForServer } from '@maestro/runner';
import { afterAll, describe, expect, test } from 'vitest';
import { readAllOutput, recordingLogger, startStack, startTestRunner, waitForSession } from '../harness/stack.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

/** Each test starts one or two servers, which takes over a minute on a loaded two-core machine (PGlite's start). */
const SLOW = { timeout: 300_000 };

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a server that forgot the runner (a fresh database behind the same address and token)', () => {
  test('the runner registers again under its own id, stops and lets go of the agent the server does not know, and takes new spawns', SLOW, async () => {
    const token = `mst_test_${'f'.repeat(32)}`;
    const env = { MAESTRO_TOKEN: token, MAESTRO_RUNNER_LEASE_MS: '2000' };
    const first = await spawnServer({ env });
    cleanups.push(() => first.stop('SIGKILL'));
    const { logger, lines } = recordingLogger();
    const { runner } = await startTestRunner({ url: first.url, token }, 'forgotten', logger);
    cleanups.push(() => runner.stop());
    const id = runner.id;
    const before = createNodeClient({ url: first.url, token });
    const project = await before.trpc.project.create.mutate({ name: 'before', workingDir: mkdtempSync(join(tmpdir(), 'maestro-forgot-')) });
    const t = await before.trpc.task.create.mutate({ projectId: project.id, title: 'long' });
    const old = await before.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command: 'sleep 1000' });
    const { pid } = await waitForSession(before, old.id, ['active']);
    before.close();
    expect(alive(pid!)).toBe(true);

    await first.stop();
    const second = await spawnServer({ port: first.port, env });
    cleanups.push(() => second.stop('SIGKILL'));
    const client = createNodeClient({ url: second.url, token });

    // Its heartbeat answers NOT_FOUND: it registers again, as itself.
    await expect.poll(async () => (await client.trpc.runner.list.query()).items.find((r) => r.id === id)?.live, { timeout: 120_000 }).toBe(true);
    expect(runner.id).toBe(id);
    // The session it runs is unknown here: the agent is stopped and nothing of it is kept or retried.
    await expect.poll(() => runner.sessionIds, { timeout: 120_000 }).toEqual([]);
    expect(alive(pid!)).toBe(false);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: expect.stringContaining('session gone on the server'), obj: expect.objectContaining({ sessionId: old.id }) }),
    );

    const fresh = await client.trpc.project.create.mutate({ name: 'after', workingDir: mkdtempSync(join(tmpdir(), 'maestro-forgot-')) });
    const next = await client.trpc.task.create.mutate({ projectId: fresh.id, title: 'new work' });
    const session = await client.trpc.session.spawn.mutate({ taskIds: [next.id], agent: 'custom', command: 'echo on-the-new-server' });
    expect(await waitForSession(client, session.id)).toMatchObject({ status: 'completed', runnerId: id });
    client.close();
  });
});

describe('a runner at its maximum of sessions', () => {
  test('its claim is refused (LIMIT_REACHED), it says so, and a runner with room runs the request', SLOW, async () => {
    const stack = await startStack({ env: { MAESTRO_RUNNER_MAX_SESSIONS: '1' } });
    cleanups.push(() => stack.server.stop('SIGKILL'));
    const trpc = stack.client.trpc;
    const busy = recordingLogger();
    const { runner: full } = await startTestRunner({ url: stack.server.url, token: stack.server.token }, 'full', busy.logger);
    cleanups.push(() => full.stop());
    const first = await trpc.task.create.mutate({ projectId: stack.project.id, title: 'takes the only slot' });
    const long = await trpc.session.spawn.mutate({ taskIds: [first.id], agent: 'custom', command: 'sleep 1000' });
    expect(await waitForSession(stack.client, long.id, ['active'])).toMatchObject({ runnerId: full.id });

    const { runner: roomy } = await startTestRunner({ url: stack.server.url, token: stack.server.token }, 'roomy');
    cleanups.push(() => roomy.stop());
    const second = await trpc.task.create.mutate({ projectId: stack.project.id, title: 'needs room' });
    const session = await trpc.session.spawn.mutate({ taskIds: [second.id], agent: 'custom', command: 'echo ran-elsewhere' });
    expect(await waitForSession(stack.client, session.id)).toMatchObject({ status: 'completed', runnerId: roomy.id });
    await expect
      .poll(() => busy.lines.filter((l) => l.msg === 'claim failed').map((l) => l.obj), { timeout: 120_000 })
      .toContainEqual(expect.objectContaining({ sessionId: session.id, err: expect.stringContaining('already runs its maximum of 1 sessions') }));
    expect(full.sessionIds).toEqual([long.id]);
  });
});

describe('a resize from a viewer', () => {
  test("reaches the agent's terminal: the agent sees the new size", SLOW, async () => {
    const stack = await startStack();
    cleanups.push(() => stack.server.stop('SIGKILL'));
    const { runner } = await startTestRunner({ url: stack.server.url, token: stack.server.token });
    cleanups.push(() => runner.stop());
    const t = await stack.client.trpc.task.create.mutate({ projectId: stack.project.id, title: 'resize me' });
    const session = await stack.client.trpc.session.spawn.mutate({
      taskIds: [t.id],
      agent: 'custom',
      command: 'stty size; echo ready; read line; stty size',
    });
    await expect.poll(async () => (await readAllOutput(stack.client, session.id)).toString(), { timeout: 120_000 }).toContain('ready');
    const [before] = (await readAllOutput(stack.client, session.id)).toString().split('\r\n');
    expect(before).not.toBe('45 123');
    await stack.client.trpc.session.resize.mutate({ id: session.id, cols: 123, rows: 45 });
    await stack.client.trpc.session.sendInput.mutate({ id: session.id, data: 'go\r' });
    expect((await waitForSession(stack.client, session.id)).status).toBe('completed');
    expect((await readAllOutput(stack.client, session.id)).toString()).toContain('45 123');
  });
});

describe("ended sessions' directories", () => {
  test('a runner removes those past the retention at start, and keeps young ones and those the server does not know', SLOW, async () => {
    const stack = await startStack();
    cleanups.push(() => stack.server.stop('SIGKILL'));
    const server = { url: stack.server.url, token: stack.server.token };
    const { runner: earlier, dataDir } = await startTestRunner(server, 'earlier');
    const ended = async (title: string) => {
      const t = await stack.client.trpc.task.create.mutate({ projectId: stack.project.id, title });
      const s = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command: 'true' });
      expect((await waitForSession(stack.client, s.id)).status).toBe('completed');
      return join(dataDir, 'sessions', s.id);
    };
    const old = await ended('long ago');
    const young = await ended('just now');
    await earlier.stop();
    const unknown = join(dataDir, 'sessions', 'ses_notknown01');
    mkdirSync(unknown);
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    for (const dir of [old, unknown]) utimesSync(dir, eightDaysAgo, eightDaysAgo);
    expect([old, young, unknown].map(existsSync)).toEqual([true, true, true]);

    const { logger, lines } = recordingLogger();
    const { runner } = await startTestRunner(server, 'restarted', logger, { dataDir, retentionMs: 7 * 86_400_000 });
    cleanups.push(() => runner.stop());
    await expect.poll(() => lines.find((l) => l.msg.startsWith('removed the directories'))?.obj, { timeout: 120_000 }).toEqual({ removed: 1 });
    expect([old, young, unknown].map(existsSync)).toEqual([false, true, true]);
  });
});

describe('waiting for the server', () => {
  test('a runner started before its server says what it waits for, once, and goes on when the server answers', SLOW, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const said: string[] = [];
    let done = false;
    const waiting = waitForServer(url, (m) => said.push(m)).then(() => (done = true));
    await expect.poll(() => said, { timeout: 120_000 }).toEqual([`waiting for the server at ${url}; start it with npm start or npm run dev`]);
    expect(done).toBe(false);
    const server = await spawnServer({ port });
    cleanups.push(() => server.stop('SIGKILL'));
    await waiting;
    // A slow server start (over 30 s) adds a line every 30 s saying how long so far.
    expect(said[0]).toBe(`waiting for the server at ${url}; start it with npm start or npm run dev`);
    for (const [i, line] of said.slice(1, -1).entries())
      expect(line).toBe(`waiting for the server at ${url} (${(i + 1) * 30} s so far); start it with npm start or npm run dev`);
    expect(said.at(-1)).toBe(`the server at ${url} answered`);
  });
});
