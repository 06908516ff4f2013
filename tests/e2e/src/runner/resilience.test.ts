import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeClient } from '@maestro/client/node';
import { spawnServer } from '@maestro/server/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { readAllOutput, startStack, startTestRunner, waitForSession, type Stack } from '../harness/stack.js';
import type { Runner } from '@maestro/runner';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function stackWithRunners(n: number, leaseMs = 3_000): Promise<{ stack: Stack; runners: Runner[] }> {
  const stack = await startStack({ leaseMs });
  cleanups.push(() => stack.server.stop('SIGKILL'));
  const runners: Runner[] = [];
  for (let i = 0; i < n; i++) {
    const { runner } = await startTestRunner({ url: stack.server.url, token: stack.server.token }, `runner-${i}`);
    cleanups.push(() => runner.stop());
    runners.push(runner);
  }
  return { stack, runners };
}

describe('two runners', () => {
  test('10 concurrent spawns: each request claimed exactly once, all 10 complete', async () => {
    const { stack, runners } = await stackWithRunners(2);
    const tasks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => stack.client.trpc.task.create.mutate({ projectId: stack.project.id, title: `job ${i}` })),
    );
    const sessions = await Promise.all(
      tasks.map((t) => stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command: 'echo done; sleep 0.2' })),
    );
    const ended = await Promise.all(sessions.map((s) => waitForSession(stack.client, s.id)));
    expect(ended.map((s) => s.status)).toEqual(Array(10).fill('completed'));
    const runnerIds = new Set(runners.map((r) => r.id));
    for (const s of ended) expect(runnerIds.has(s.runnerId!)).toBe(true);
    const events = await stack.client.trpc.events.list.query({ projectId: stack.project.id, types: ['session:updated'], limit: 500 });
    const claims = events.items.filter((e) => e.type === 'session:updated' && e.payload.reason?.startsWith('claimed by runner'));
    expect(claims).toHaveLength(10);
    expect(new Set(claims.map((e) => e.sessionId)).size).toBe(10);
  });
});

describe('a killed runner', () => {
  test('loses its sessions after the lease, and their tasks are released with a reason', async () => {
    const stack = await startStack({ leaseMs: 2_000 });
    cleanups.push(() => stack.server.stop('SIGKILL'));
    const main = join(dirname(fileURLToPath(import.meta.resolve('@maestro/runner'))), 'main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, MAESTRO_API_URL: stack.server.url, MAESTRO_TOKEN: stack.server.token, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    cleanups.push(async () => child.kill('SIGKILL'));
    const t = await stack.client.trpc.task.create.mutate({ projectId: stack.project.id, title: 'long job' });
    const session = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command: 'sleep 1000' });
    await waitForSession(stack.client, session.id, ['active']);
    child.kill('SIGKILL');
    const lost = await waitForSession(stack.client, session.id, ['lost', 'completed', 'failed', 'stopped']);
    expect(lost.status).toBe('lost');
    expect(lost.error).toContain('stopped heart-beating');
    const after = await stack.client.trpc.task.get.query({ id: t.id });
    expect(after).toMatchObject({ status: 'blocked', assignee: null });
    expect(after.blockedReason).toContain(session.id);
  });
});

describe('a server killed with SIGKILL', () => {
  test('costs the agent nothing: still active after restart, output stored without gap or duplicate', { timeout: 180_000 }, async () => {
    const first = await spawnServer({ env: { MAESTRO_RUNNER_LEASE_MS: '20000' } });
    cleanups.push(() => first.stop('SIGKILL'));
    const client = createNodeClient({ url: first.url, token: first.token });
    const project = await client.trpc.project.create.mutate({ name: 'restart', workingDir: '/tmp' });
    const { runner } = await startTestRunner({ url: first.url, token: first.token });
    cleanups.push(() => runner.stop());
    const t = await client.trpc.task.create.mutate({ projectId: project.id, title: 'printer' });
    const lines = 3_000;
    const session = await client.trpc.session.spawn.mutate({
      taskIds: [t.id],
      agent: 'custom',
      // About four seconds of steady output, so the kill lands mid-stream.
      command: `stty -opost; for i in $(seq 1 ${lines}); do echo "line $i of the agent's output"; [ $((i % 50)) -eq 0 ] && sleep 0.07; done; true`,
    });
    await waitForSession(client, session.id, ['active']);
    // Killed once the stream has begun: some output stored, the rest still to come.
    await expect.poll(async () => (await readAllOutput(client, session.id)).length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await first.stop('SIGKILL')).toBeNull();

    const second = await spawnServer({ dataDir: first.dataDir, port: first.port, env: { MAESTRO_RUNNER_LEASE_MS: '20000' } });
    cleanups.push(() => second.stop('SIGKILL'));
    const during = await client.trpc.session.get.query({ id: session.id });
    expect(['active', 'completed']).toContain(during.status);
    const ended = await waitForSession(client, session.id, ['completed', 'failed', 'lost', 'stopped'], 120_000);
    expect(ended.status).toBe('completed');

    const expected = Array.from({ length: lines }, (_, i) => `line ${i + 1} of the agent's output\n`).join('');
    const stored = await readAllOutput(client, session.id);
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    expect(stored.length).toBe(Buffer.byteLength(expected));
    expect(sha(stored)).toBe(sha(expected));
    client.close();
  });
});
