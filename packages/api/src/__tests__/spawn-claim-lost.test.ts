import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_API_CONFIG } from '../context.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { expectCode, newProject } from './helpers.js';

/** A short lease: the grace a runner gets to adopt a claim whose answer it lost. */
const LEASE_MS = 300;

let h: Harness;
let projectId: string;
let runnerId: string;
beforeAll(async () => {
  h = await createHarness({ config: { ...DEFAULT_API_CONFIG, runnerLeaseMs: LEASE_MS, maxSessionsPerRunner: 2 } });
  projectId = (await newProject(h)).id;
  runnerId = (await h.caller.runner.register({ name: 'lossy runner', hostname: 'localhost', pid: 1 })).runnerId;
});
afterAll(async () => {
  await h?.close();
});

async function spawned(title: string) {
  const task = await h.caller.task.create({ projectId, title });
  const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'agent --go' });
  return { task, session };
}

/** Heart-beats as a runner that runs `running` until the session leaves `spawning`/`active`. */
async function beatUntilEnded(sessionId: string, running: string[] = []) {
  for (;;) {
    await h.caller.runner.heartbeat({ runnerId, sessionIds: running });
    const s = await h.caller.session.get({ id: sessionId });
    if (s.status !== 'spawning' && s.status !== 'active') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a claim whose answer the runner lost', () => {
  test('can be claimed again by the same runner (new token), not by another, and not once started', async () => {
    const { session } = await spawned('claim twice');
    const first = await h.caller.runner.claim({ runnerId, sessionId: session.id });
    const again = await h.caller.runner.claim({ runnerId, sessionId: session.id });
    expect(again.session).toMatchObject({ id: session.id, runnerId, status: 'spawning' });
    expect(again.token).not.toBe(first.token);
    const other = (await h.caller.runner.register({ name: 'other', hostname: 'localhost', pid: 2 })).runnerId;
    await expectCode(h.caller.runner.claim({ runnerId: other, sessionId: session.id }), 'ALREADY_CLAIMED');
    await h.caller.runner.started({ runnerId, sessionId: session.id, pid: 4242, workingDir: '/tmp', branch: null });
    await expectCode(h.caller.runner.claim({ runnerId, sessionId: session.id }), 'ALREADY_CLAIMED');
    const { items } = await h.caller.events.list({ sessionId: session.id, types: ['session:updated'] });
    const reasons = items.flatMap((e) => (e.type === 'session:updated' && e.payload.reason ? [e.payload.reason] : []));
    expect(reasons).toEqual([`claimed by runner ${runnerId}`, `claimed by runner ${runnerId} again (its first answer was lost)`]);
    await h.caller.session.stop({ id: session.id });
    await h.caller.runner.exit({ runnerId, sessionId: session.id, exitCode: null, signal: 'SIGTERM', error: null });
  });

  test('a claim again takes no more room: a runner at its maximum may repeat it', async () => {
    const a = await spawned('room a');
    const b = await spawned('room b');
    await h.caller.runner.claim({ runnerId, sessionId: a.session.id });
    await h.caller.runner.claim({ runnerId, sessionId: b.session.id });
    expect((await h.caller.runner.claim({ runnerId, sessionId: b.session.id })).session.id).toBe(b.session.id);
    const c = await spawned('room c');
    await expectCode(h.caller.runner.claim({ runnerId, sessionId: c.session.id }), 'LIMIT_REACHED');
    for (const s of [a, b, c]) await h.caller.session.stop({ id: s.session.id });
  });

  test('is offered back to its runner in the heartbeat (adopt) while it is within the grace', async () => {
    const { session } = await spawned('adopt me');
    await h.caller.runner.claim({ runnerId, sessionId: session.id });
    const beat = await h.caller.runner.heartbeat({ runnerId, sessionIds: [] });
    expect(beat.adopt).toContain(session.id);
    // A runner that runs it hears nothing of it.
    expect((await h.caller.runner.heartbeat({ runnerId, sessionIds: [session.id] })).adopt).not.toContain(session.id);
    await h.caller.session.stop({ id: session.id });
  });

  test('fails after the grace when the runner never adopts it; its task is released and can be spawned again', async () => {
    const { task, session } = await spawned('never adopted');
    await h.caller.runner.claim({ runnerId, sessionId: session.id });
    await expectCode(h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'agent --go' }), 'ALREADY_CLAIMED');
    const ended = await beatUntilEnded(session.id);
    expect(ended).toMatchObject({ status: 'failed' });
    expect(ended.error).toContain(`runner ${runnerId} claimed it but did not start it within`);
    expect(await h.caller.task.get({ id: task.id })).toMatchObject({ status: 'todo', assignee: null });
    const respawned = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'agent --go' });
    expect(respawned.status).toBe('spawning');
    await h.caller.session.stop({ id: respawned.id });
  });

  test('a started session its runner stops reporting is lost after the grace; one it reports stays', async () => {
    const kept = await spawned('reported');
    const dropped = await spawned('forgotten');
    for (const s of [kept, dropped]) {
      await h.caller.runner.claim({ runnerId, sessionId: s.session.id });
      await h.caller.runner.started({ runnerId, sessionId: s.session.id, pid: 4242, workingDir: '/tmp', branch: null });
    }
    const ended = await beatUntilEnded(dropped.session.id, [kept.session.id]);
    expect(ended.status).toBe('lost');
    expect(ended.error).toContain(`runner ${runnerId} no longer runs it`);
    expect((await h.caller.session.get({ id: kept.session.id })).status).toBe('active');
    await h.caller.session.stop({ id: kept.session.id });
    await h.caller.runner.exit({ runnerId, sessionId: kept.session.id, exitCode: null, signal: 'SIGTERM', error: null });
  });
});

describe('session.stop', () => {
  test('ends a session that was claimed but never started, and its task can be spawned again', async () => {
    const { task, session } = await spawned('claimed, stuck');
    await h.caller.runner.claim({ runnerId, sessionId: session.id });
    const stopped = await h.caller.session.stop({ id: session.id });
    expect(stopped).toMatchObject({ status: 'stopped', error: 'stopped before a runner started it' });
    expect(await h.caller.task.get({ id: task.id })).toMatchObject({ status: 'todo', assignee: null });
    // Its runner, starting it late, finds it ended and hears so in its next heartbeat.
    expect((await h.caller.runner.started({ runnerId, sessionId: session.id, pid: 1, workingDir: '/tmp', branch: null })).status).toBe('stopped');
    expect((await h.caller.runner.heartbeat({ runnerId, sessionIds: [session.id] })).unknown).toEqual([session.id]);
    const respawned = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'agent --go' });
    await h.caller.session.stop({ id: respawned.id });
  });
});
