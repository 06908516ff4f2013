import type { MaestroEvent } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, expectCode, newProject } from './helpers.js';

/**
 * Attention beside a session's status: signals from the agent, hooks and the
 * runner's heuristic (who wins), typed input answering a question, `unseen`
 * after the end until someone looks, and the inbox across projects.
 */

let h: Harness;
let runnerId: string;
beforeAll(async () => {
  h = await createHarness();
  runnerId = (await h.caller.runner.register({ name: 'attention runner', hostname: 'localhost', pid: 1 })).runnerId;
});
afterAll(async () => {
  await h?.close();
});

async function liveSession(projectId?: string, name = 'worker') {
  const pid = projectId ?? (await newProject(h)).id;
  const task = await h.caller.task.create({ projectId: pid, title: `task for ${name}` });
  const s = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true', name });
  await h.caller.runner.claim({ runnerId, sessionId: s.id });
  await h.caller.runner.started({ runnerId, sessionId: s.id, pid: 1, workingDir: '/tmp', branch: null });
  return { id: s.id, projectId: pid, taskId: task.id };
}

const attentionEvents = async (projectId: string) =>
  (await allEvents(h, { projectId, types: ['session:attention'] })) as Extract<MaestroEvent, { type: 'session:attention' }>[];

describe('session attention', () => {
  test('a started session is working (heuristic); an agent asking is needs_input with its question, as an event', async () => {
    const s = await liveSession();
    expect((await h.caller.session.get({ id: s.id })).attention).toMatchObject({ state: 'working', source: 'heuristic', message: 'started' });
    const agent = h.callerFor({ kind: 'session', sessionId: s.id, projectId: s.projectId });
    const before = Date.now();
    const asked = await agent.session.attention({ id: s.id, state: 'needs_input', message: 'Which database?' });
    expect(asked.attention).toMatchObject({ state: 'needs_input', source: 'agent', message: 'Which database?' });
    expect(Date.parse(asked.attention!.since)).toBeGreaterThanOrEqual(before - 5);
    const events = await attentionEvents(s.projectId);
    expect(events.map((e) => [e.actor, e.payload.previous?.state, e.payload.session.attention?.state])).toEqual([[s.id, 'working', 'needs_input']]);
  });

  test('the heuristic never clears a question; typed input answers it (working) and is delivered', async () => {
    const s = await liveSession();
    await h.caller.session.attention({ id: s.id, state: 'needs_input', source: 'hook', message: 'Allow Bash?' });
    const silent = await h.caller.session.attention({ id: s.id, state: 'idle', source: 'heuristic', ageMs: 0 });
    const output = await h.caller.session.attention({ id: s.id, state: 'working', source: 'heuristic' });
    expect([silent.attention?.state, output.attention?.state]).toEqual(['needs_input', 'needs_input']);
    const typed: string[] = [];
    const stop = h.commands.subscribe(runnerId, (c) => {
      if (c.kind === 'input') typed.push(c.data);
    });
    try {
      await h.caller.session.sendInput({ id: s.id, data: 'yes\r' });
      expect((await h.caller.session.get({ id: s.id })).attention).toMatchObject({
        state: 'working',
        source: 'heuristic',
        message: 'answered in the terminal',
      });
      await h.caller.session.sendInput({ id: s.id, data: 'more\r' });
      await expect.poll(() => typed).toEqual(['yes\r', 'more\r']);
      expect((await attentionEvents(s.projectId)).map((e) => e.payload.session.attention?.state)).toEqual(['needs_input', 'working']);
    } finally {
      stop();
    }
  });

  test('silence is idle only when it began after the last agent signal', async () => {
    const s = await liveSession();
    await h.caller.session.attention({ id: s.id, state: 'working', source: 'agent' });
    // Silent since before the agent spoke: the agent's word stands.
    expect((await h.caller.session.attention({ id: s.id, state: 'idle', source: 'heuristic', ageMs: 60_000 })).attention?.state).toBe('working');
    await new Promise((r) => setTimeout(r, 20));
    const idle = await h.caller.session.attention({ id: s.id, state: 'idle', source: 'heuristic', ageMs: 0 });
    expect(idle.attention).toMatchObject({ state: 'idle', source: 'heuristic' });
  });

  test('an ended session is unseen (system) until marked seen; signals after the end change nothing', async () => {
    const s = await liveSession();
    await h.caller.runner.exit({ runnerId, sessionId: s.id, exitCode: 1, signal: null, error: null });
    const ended = await h.caller.session.get({ id: s.id });
    expect(ended.attention).toMatchObject({ state: 'unseen', source: 'system', message: 'failed, exit 1' });
    expect(ended.seenAt).toBeNull();
    expect((await h.caller.session.attention({ id: s.id, state: 'idle', source: 'hook' })).attention?.state).toBe('unseen');
    const seen = await h.caller.session.markSeen({ id: s.id });
    expect(seen.attention).toBeNull();
    expect(seen.seenAt).not.toBeNull();
    expect((await attentionEvents(s.projectId)).map((e) => [e.payload.previous?.state, e.payload.session.attention])).toEqual([['unseen', null]]);
  });

  test('session.list filters by attention; status.get counts it and lists questions', async () => {
    const { id: projectId } = await newProject(h);
    const a = await liveSession(projectId, 'asker');
    await liveSession(projectId, 'busy');
    await h.caller.session.attention({ id: a.id, state: 'needs_input', message: 'Which database?' });
    const list = await h.caller.session.list({ projectId, attention: ['needs_input'] });
    expect(list.items.map((x) => x.id)).toEqual([a.id]);
    const status = await h.caller.status.get({ projectId });
    expect(status.attention).toEqual({ working: 1, needs_input: 1, idle: 0, unseen: 0 });
    expect(status.needsInput).toMatchObject([{ id: a.id, name: 'asker', attention: { message: 'Which database?' } }]);
  });

  test('an agent that speaks before its runner reports the start keeps its word; opening a live session keeps what it needs', async () => {
    const { id: projectId } = await newProject(h);
    const task = await h.caller.task.create({ projectId, title: 'fast agent' });
    const s = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
    await h.caller.runner.claim({ runnerId, sessionId: s.id });
    await h.caller.session.attention({ id: s.id, state: 'needs_input', message: 'Which branch?' });
    const started = await h.caller.runner.started({ runnerId, sessionId: s.id, pid: 1, workingDir: '/tmp', branch: null });
    expect(started.attention).toMatchObject({ state: 'needs_input', source: 'agent', message: 'Which branch?' });
    const seen = await h.caller.session.markSeen({ id: s.id });
    expect(seen.attention).toEqual(started.attention);
    expect(seen.seenAt).not.toBeNull();
  });

  test('unknown session: NOT_FOUND with a hint', async () => {
    const { body } = await expectCode(h.caller.session.markSeen({ id: 'ses_0000000000' }), 'NOT_FOUND');
    expect(body.hint).toBeTruthy();
  });
});

describe('inbox.list', () => {
  test('across projects, most urgent first; seen and answered items leave; a session token sees its own project', async () => {
    const p1 = (await newProject(h)).id;
    const p2 = (await newProject(h)).id;
    const first = await liveSession(p1, 'first asker');
    const second = await liveSession(p2, 'second asker');
    const failed = await liveSession(p1, 'crasher');
    const done = await liveSession(p2, 'finisher');
    await h.caller.session.attention({ id: first.id, state: 'needs_input', message: 'Which database?' });
    await h.caller.session.attention({ id: second.id, state: 'needs_input', message: 'Deploy now?' });
    await h.caller.runner.exit({ runnerId, sessionId: done.id, exitCode: 0, signal: null, error: null });
    await h.caller.runner.exit({ runnerId, sessionId: failed.id, exitCode: 2, signal: null, error: null });
    const blocked = await h.caller.task.create({ projectId: p2, title: 'needs a decision' });
    await h.caller.task.block({ id: blocked.id, reason: 'which API version?' });

    const mine = <T extends { projectId: string }>(items: T[]) => items.filter((i) => [p1, p2].includes(i.projectId));
    const inbox = await h.caller.inbox.list({});
    expect(mine(inbox.items).map((i) => [i.kind, i.title, i.detail])).toEqual([
      ['needs_input', 'first asker', 'Which database?'],
      ['needs_input', 'second asker', 'Deploy now?'],
      ['failed', 'crasher', 'failed, exit 2'],
      // Blocked tasks newest first: the one blocked by hand, then those released when their sessions ended.
      ['blocked', 'needs a decision', 'which API version?'],
      ['blocked', 'task for crasher', expect.stringContaining(`Session ${failed.id} ended`)],
      ['blocked', 'task for finisher', expect.stringContaining(`Session ${done.id} ended`)],
      ['finished', 'finisher', 'completed, exit 0'],
    ]);
    expect(inbox.items.find((i) => i.sessionId === second.id)).toMatchObject({ projectId: p2, source: 'agent', status: 'active' });

    const agent = h.callerFor({ kind: 'session', sessionId: first.id, projectId: p1 });
    const own = await agent.inbox.list({});
    expect(new Set(own.items.map((i) => i.projectId))).toEqual(new Set([p1]));
    expect(own.counts).toEqual({ needs_input: 1, failed: 1, blocked: 1, finished: 0 });

    await h.caller.session.markSeen({ id: failed.id });
    await h.caller.session.markSeen({ id: done.id });
    await h.caller.session.attention({ id: first.id, state: 'working' });
    const after = await h.caller.inbox.list({ projectId: p1 });
    expect(after.items.map((i) => [i.kind, i.title])).toEqual([['blocked', 'task for crasher']]);
    expect(after.total).toBe(1);
  });
});

describe('inbox.list asOfEventId', () => {
  test('across projects it is as of the whole log, for one project as of that project; later changes follow it', async () => {
    const p = await newProject(h);
    const s = await liveSession(p.id, 'snapshot');
    const all = await h.caller.inbox.list({});
    expect(all.asOfEventId).toBe(String((await h.caller.events.head({})).lastEventId));
    const one = await h.caller.inbox.list({ projectId: p.id });
    expect(one.asOfEventId).toBe(String((await h.caller.events.head({ projectId: p.id })).lastEventId));
    await h.caller.session.attention({ id: s.id, state: 'needs_input', message: 'Now?' });
    const missed = await h.caller.events.list({ projectId: p.id, afterId: Number(one.asOfEventId), limit: 10 });
    expect(missed.items.map((e) => e.type)).toEqual(['session:attention']);
  });
});
