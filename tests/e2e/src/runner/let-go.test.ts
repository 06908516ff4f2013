import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { recordingLogger, startStack, startTestRunner, waitForSession, type Stack } from '../harness/stack.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
}

describe('a session deleted on the server', () => {
  let stack: Stack;

  test('the runner stops its agent, drops its output without retrying, and leaves nothing to wait for on shutdown', async () => {
    stack = await startStack();
    cleanups.push(() => stack.server.stop('SIGKILL'));
    const { logger, lines } = recordingLogger();
    const { runner } = await startTestRunner({ url: stack.server.url, token: stack.server.token }, 'let-go', logger);
    cleanups.push(() => runner.stop());
    const project = await stack.client.trpc.project.create.mutate({ name: `doomed-${Date.now()}`, workingDir: mkdtempSync(join(tmpdir(), 'maestro-doomed-')) });
    const t = await stack.client.trpc.task.create.mutate({ projectId: project.id, title: 'chatty' });
    // Output all the time, so output is in flight when the session disappears.
    const session = await stack.client.trpc.session.spawn.mutate({ taskIds: [t.id], agent: 'custom', command: 'while :; do echo tick; sleep 0.02; done' });
    await waitForSession(stack.client, session.id, ['active']);
    expect(runner.sessionIds).toContain(session.id);

    await stack.client.trpc.project.delete.mutate({ id: project.id, cascade: true });

    // Let go on its own: the agent ends and the session leaves the runner, without a stop.
    await until(() => !runner.sessionIds.includes(session.id));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', msg: expect.stringContaining('session gone on the server') }));
    const retried = lines.filter((l) => l.msg.endsWith(': retrying'));
    expect(retried, 'a NOT_FOUND is final: no report is retried').toEqual([]);

    // Another session on the same runner is unaffected.
    const other = await stack.client.trpc.task.create.mutate({ projectId: stack.project.id, title: 'still works' });
    const next = await stack.client.trpc.session.spawn.mutate({ taskIds: [other.id], agent: 'custom', command: 'echo fine' });
    expect((await waitForSession(stack.client, next.id)).status).toBe('completed');
  });
});
