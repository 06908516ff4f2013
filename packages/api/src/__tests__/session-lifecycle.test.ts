import type { RunnerCommand } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sweepLostSessions } from '../services/sessions/index.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, expectCode, newProject } from './helpers.js';

/**
 * A session's life as the runner drives it, through the router in process:
 * spawn → claim → started → exit, stop and the lease. The same rules run end
 * to end with real processes in tests/e2e/src/runner; here each refusal and
 * transition is pinned without a PTY.
 */
const LEASE_MS = 1_000;

let h: Harness;
let projectId: string;
let runnerId: string;
let otherRunnerId: string;
beforeAll(async () => {
  h = await createHarness({ config: { runnerLeaseMs: LEASE_MS, maxSessionsPerRunner: 32 } });
  projectId = (await newProject(h)).id;
  runnerId = (await h.caller.runner.register({ name: 'lifecycle runner', hostname: 'localhost', pid: 1 })).runnerId;
  otherRunnerId = (await h.caller.runner.register({ name: 'other runner', hostname: 'localhost', pid: 2 })).runnerId;
});
afterAll(async () => {
  await h?.close();
});

async function spawned(title = 'lifecycle task') {
  const task = await h.caller.task.create({ projectId, title });
  const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'agent --go' });
  return { task, session };
}

async function running(title?: string) {
  const { task, session } = await spawned(title);
  await h.caller.runner.claim({ runnerId, sessionId: session.id });
  await h.caller.runner.started({ runnerId, sessionId: session.id, pid: 4242, workingDir: '/tmp/maestro', branch: null });
  return { task, session };
}

const exit = (sessionId: string, outcome: { exitCode?: number | null; signal?: string | null; error?: string | null }, by = runnerId) =>
  h.caller.runner.exit({ runnerId: by, sessionId, exitCode: outcome.exitCode ?? null, signal: outcome.signal ?? null, error: outcome.error ?? null });

describe('spawn', () => {
  test('records a spawning session that holds its task, and tells runners with session:spawn_requested', async () => {
    const { task, session } = await spawned();
    expect(session).toMatchObject({ status: 'spawning', runnerId: null, pid: null, startedAt: null, endedAt: null, taskIds: [task.id] });
    expect((await h.caller.task.get({ id: task.id })).assignee).toBe(session.id);
    const requested = (await allEvents(h, { projectId, types: ['session:spawn_requested'] })).filter((e) => e.sessionId === session.id);
    expect(requested).toHaveLength(1);
  });

  test('is refused for a task that does not exist, and for a task another live session holds', async () => {
    await expectCode(h.caller.session.spawn({ taskIds: ['tsk_0000000000'], agent: 'custom', command: 'true' }), 'NOT_FOUND');
    const { task, session } = await spawned();
    const { cause } = await expectCode(h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' }), 'ALREADY_CLAIMED');
    expect(cause.message).toContain(session.id);
  });

  test('a custom agent needs a command: VALIDATION', async () => {
    const task = await h.caller.task.create({ projectId, title: 'no command' });
    await expectCode(h.caller.session.spawn({ taskIds: [task.id], agent: 'custom' }), 'VALIDATION');
  });
});

describe('claim', () => {
  test('one runner wins a request; the other is refused ALREADY_CLAIMED and the session stays the winner’s', async () => {
    const { session } = await spawned();
    const results = await Promise.allSettled([
      h.caller.runner.claim({ runnerId, sessionId: session.id }),
      h.caller.runner.claim({ runnerId: otherRunnerId, sessionId: session.id }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = won[0]!.value;
    expect(winner.token).toMatch(/^mst_/);
    expect(winner.project.id).toBe(projectId);
    expect(winner.tasks.map((t) => t.id)).toEqual(session.taskIds);
    const loser = results.findIndex((r) => r.status === 'rejected') === 0 ? runnerId : otherRunnerId;
    await expectCode(h.caller.runner.claim({ runnerId: loser, sessionId: session.id }), 'ALREADY_CLAIMED');
    expect((await h.caller.session.get({ id: session.id })).runnerId).toBe(winner.session.runnerId);
  });

  test('a session that has started, or ended, cannot be claimed', async () => {
    const { session } = await running();
    await expectCode(h.caller.runner.claim({ runnerId: otherRunnerId, sessionId: session.id }), 'ALREADY_CLAIMED');
    await exit(session.id, { exitCode: 0 });
    await expectCode(h.caller.runner.claim({ runnerId, sessionId: session.id }), 'ALREADY_CLAIMED');
  });
});

describe('started', () => {
  test('makes the session active with the process it runs; a repeat changes nothing', async () => {
    const { session } = await running();
    const active = await h.caller.session.get({ id: session.id });
    expect(active).toMatchObject({ status: 'active', runnerId, pid: 4242, workingDir: '/tmp/maestro' });
    expect(active.startedAt).not.toBeNull();
    const again = await h.caller.runner.started({ runnerId, sessionId: session.id, pid: 9999, workingDir: '/elsewhere', branch: null });
    expect(again).toMatchObject({ status: 'active', pid: 4242, workingDir: '/tmp/maestro', startedAt: active.startedAt });
  });

  test('from a runner that did not claim the session is FORBIDDEN', async () => {
    const { session } = await spawned();
    await h.caller.runner.claim({ runnerId, sessionId: session.id });
    await expectCode(h.caller.runner.started({ runnerId: otherRunnerId, sessionId: session.id, pid: 1, workingDir: '/tmp', branch: null }), 'FORBIDDEN');
    expect((await h.caller.session.get({ id: session.id })).status).toBe('spawning');
  });
});

describe('exit', () => {
  test('exit code 0: completed', async () => {
    const { session } = await running();
    const ended = await exit(session.id, { exitCode: 0 });
    expect(ended).toMatchObject({ status: 'completed', exitCode: 0, error: null });
    expect(ended.endedAt).not.toBeNull();
  });

  test('a non-zero exit code: failed with it, and the unfinished task blocked with a reason naming the session', async () => {
    const { task, session } = await running();
    expect(await exit(session.id, { exitCode: 3 })).toMatchObject({ status: 'failed', exitCode: 3 });
    const after = await h.caller.task.get({ id: task.id });
    expect(after).toMatchObject({ status: 'blocked', assignee: null });
    expect(after.blockedReason).toContain(session.id);
  });

  test('a command that could not start: failed with its error', async () => {
    const { session } = await spawned();
    await h.caller.runner.claim({ runnerId, sessionId: session.id });
    expect(await exit(session.id, { error: 'Command not found: agent' })).toMatchObject({
      status: 'failed',
      exitCode: null,
      error: 'Command not found: agent',
    });
  });

  test('a repeated report changes nothing; another runner’s report is FORBIDDEN', async () => {
    const { session } = await running();
    const first = await exit(session.id, { exitCode: 0 });
    await expectCode(exit(session.id, { exitCode: 1 }, otherRunnerId), 'FORBIDDEN');
    expect(await exit(session.id, { exitCode: 1 })).toMatchObject({ status: 'completed', exitCode: 0, endedAt: first.endedAt });
  });
});

describe('stop', () => {
  test('a request no runner has started just ends: stopped, its task left as it was', async () => {
    const { task, session } = await spawned();
    expect(await h.caller.session.stop({ id: session.id })).toMatchObject({ status: 'stopped', error: 'stopped before a runner started it' });
    expect(await h.caller.task.get({ id: task.id })).toMatchObject({ status: 'todo', assignee: null });
    await expectCode(h.caller.runner.claim({ runnerId, sessionId: session.id }), 'ALREADY_CLAIMED');
  });

  test('a running session is asked to stop through its runner; its exit then counts as stopped', async () => {
    const { task, session } = await running();
    const commands: RunnerCommand[] = [];
    const unsubscribe = h.commands.subscribe(runnerId, (command) => commands.push(command));
    try {
      const requested = await h.caller.session.stop({ id: session.id });
      expect(requested.status).toBe('active');
      expect(requested.stopRequestedAt).not.toBeNull();
      await expect.poll(() => commands).toContainEqual({ kind: 'stop', sessionId: session.id });
    } finally {
      unsubscribe();
    }
    expect(await exit(session.id, { signal: 'SIGTERM' })).toMatchObject({ status: 'stopped', signal: 'SIGTERM' });
    expect(await h.caller.task.get({ id: task.id })).toMatchObject({ status: 'todo', assignee: null });
  });

  test('an ended session stays as it ended', async () => {
    const { session } = await running();
    await exit(session.id, { exitCode: 0 });
    expect(await h.caller.session.stop({ id: session.id })).toMatchObject({ status: 'completed' });
  });

  test('typing into a session that is not running is INVALID_TRANSITION', async () => {
    const { session } = await spawned();
    await expectCode(h.caller.session.sendInput({ id: session.id, data: 'y\n' }), 'INVALID_TRANSITION');
    await h.caller.session.stop({ id: session.id });
    await expectCode(h.caller.session.sendInput({ id: session.id, data: 'y\n' }), 'INVALID_TRANSITION');
  });
});

describe('a runner that stops heart-beating', () => {
  test('loses its running sessions after the lease; their tasks are blocked with a reason, and a late exit still tells how it ended', async () => {
    const lonely = (await h.caller.runner.register({ name: 'silent runner', hostname: 'localhost', pid: 3 })).runnerId;
    const { task, session } = await spawned('long job');
    await h.caller.runner.claim({ runnerId: lonely, sessionId: session.id });
    await h.caller.runner.started({ runnerId: lonely, sessionId: session.id, pid: 1, workingDir: '/tmp', branch: null });
    // The sweep the server runs on a timer, run here until the lease has passed.
    const afterSweep = async () => {
      await sweepLostSessions(h.contextFor());
      return h.caller.session.get({ id: session.id });
    };
    await expect.poll(async () => (await afterSweep()).status, { timeout: 10 * LEASE_MS, interval: 200 }).toBe('lost');
    const lost = await h.caller.session.get({ id: session.id });
    expect(lost.error).toContain('stopped heart-beating');
    const after = await h.caller.task.get({ id: task.id });
    expect(after).toMatchObject({ status: 'blocked', assignee: null });
    expect(after.blockedReason).toContain(session.id);
    expect(await exit(session.id, { exitCode: 0 }, lonely)).toMatchObject({ status: 'completed', exitCode: 0 });
  });
});
