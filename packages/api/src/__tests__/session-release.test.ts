import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FAILED_STARTS_TO_BLOCK } from '../services/sessions/release.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { newProject } from './helpers.js';

let h: Harness;
let projectId: string;
let runnerId: string;
beforeAll(async () => {
  h = await createHarness();
  projectId = (await newProject(h)).id;
  runnerId = (await h.caller.runner.register({ name: 'release runner', hostname: 'localhost', pid: 1 })).runnerId;
});
afterAll(async () => {
  await h?.close();
});

async function claimed(taskId: string) {
  const session = await h.caller.session.spawn({ taskIds: [taskId], agent: 'custom', command: 'agent --go' });
  await h.caller.runner.claim({ runnerId, sessionId: session.id });
  return session.id;
}

/** The runner's report for a command that never ran (what it sends for "Command not found", a bad skill, …). */
const cannotStart = (sessionId: string) => h.caller.runner.exit({ runnerId, sessionId, exitCode: null, signal: null, error: 'Command not found: agent' });

async function timelineReasons(taskId: string): Promise<{ actor: string; reason: string | undefined }[]> {
  const { items } = await h.caller.events.list({ taskId });
  return items.flatMap((e) => (e.type === 'task:updated' && e.payload.action === 'release' ? [{ actor: e.actor, reason: e.payload.reason }] : []));
}

describe('when a session ends, its unfinished task', () => {
  test('stays todo when the session failed before its agent ran, with the failure on its timeline (by the runner)', async () => {
    const task = await h.caller.task.create({ projectId, title: 'try an agent command' });
    const sessionId = await claimed(task.id);
    expect((await cannotStart(sessionId)).status).toBe('failed');
    expect(await h.caller.task.get({ id: task.id })).toMatchObject({ status: 'todo', assignee: null, blockedReason: null, ready: true });
    const [release] = await timelineReasons(task.id);
    expect(release?.actor).toBe(runnerId);
    expect(release?.reason).toContain(`Session ${sessionId} failed before its agent ran (Command not found: agent)`);
  });

  test(`is blocked at the ${FAILED_STARTS_TO_BLOCK}rd failed start in a row: nothing retries a broken command forever`, async () => {
    const task = await h.caller.task.create({ projectId, title: 'broken command' });
    for (let i = 1; i < FAILED_STARTS_TO_BLOCK; i++) {
      await cannotStart(await claimed(task.id));
      expect((await h.caller.task.get({ id: task.id })).status).toBe('todo');
    }
    const last = await claimed(task.id);
    await cannotStart(last);
    const after = await h.caller.task.get({ id: task.id });
    expect(after).toMatchObject({ status: 'blocked', assignee: null, ready: false });
    expect(after.blockedReason).toContain(`Session ${last} failed before its agent ran`);
    expect(after.blockedReason).toContain('fix the agent command');
  });

  test('a session that ran in between resets the count', async () => {
    const task = await h.caller.task.create({ projectId, title: 'flaky' });
    await cannotStart(await claimed(task.id));
    const ran = await claimed(task.id);
    await h.caller.runner.started({ runnerId, sessionId: ran, pid: 4242, workingDir: '/tmp', branch: null });
    await h.caller.session.stop({ id: ran });
    await h.caller.runner.exit({ runnerId, sessionId: ran, exitCode: null, signal: 'SIGTERM', error: null });
    for (let i = 1; i < FAILED_STARTS_TO_BLOCK; i++) await cannotStart(await claimed(task.id));
    expect((await h.caller.task.get({ id: task.id })).status).toBe('todo');
  });

  test('is left as it was when a person stopped the session, even after the agent started it', async () => {
    const task = await h.caller.task.create({ projectId, title: 'stopped on purpose' });
    const sessionId = await claimed(task.id);
    await h.caller.runner.started({ runnerId, sessionId, pid: 4243, workingDir: '/tmp', branch: null });
    await h.callerFor({ kind: 'session', sessionId, projectId }).task.start({ id: task.id });
    await h.caller.session.stop({ id: sessionId });
    expect((await h.caller.runner.exit({ runnerId, sessionId, exitCode: null, signal: 'SIGTERM', error: null })).status).toBe('stopped');
    expect(await h.caller.task.get({ id: task.id })).toMatchObject({ status: 'todo', assignee: null, blockedReason: null });
    expect((await timelineReasons(task.id))[0]?.reason).toContain(`Session ${sessionId} was stopped`);
  });

  test('stopped before any runner claimed it: unchanged', async () => {
    const task = await h.caller.task.create({ projectId, title: 'never claimed' });
    const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
    expect((await h.caller.session.stop({ id: session.id })).status).toBe('stopped');
    expect(await h.caller.task.get({ id: task.id })).toMatchObject({ status: 'todo', assignee: null });
  });

  test('is blocked when the agent ran and ended without finishing it', async () => {
    const task = await h.caller.task.create({ projectId, title: 'ran and gave up' });
    const sessionId = await claimed(task.id);
    await h.caller.runner.started({ runnerId, sessionId, pid: 4244, workingDir: '/tmp', branch: null });
    expect((await h.caller.runner.exit({ runnerId, sessionId, exitCode: 1, signal: null, error: null })).status).toBe('failed');
    const after = await h.caller.task.get({ id: task.id });
    expect(after).toMatchObject({ status: 'blocked', assignee: null });
    expect(after.blockedReason).toBe(`Session ${sessionId} ended (failed, exit 1) before completing this task`);
  });
});
