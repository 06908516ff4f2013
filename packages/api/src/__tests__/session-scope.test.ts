import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { allEvents, expectCode, newProject, rowCounts } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

test('a session token creating a project is told a session cannot create projects', async () => {
  const { id: projectId } = await newProject(h);
  const task = await h.caller.task.create({ projectId, title: 'agent work' });
  const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
  const asAgent = h.callerFor({ kind: 'session', sessionId: session.id, projectId });
  const { body: error } = await expectCode(asAgent.project.create({ name: 'elsewhere', workingDir: '/tmp' }), 'FORBIDDEN');
  expect(error.message).toBe('A session cannot create projects: its token works only inside its own project');
  expect(error.hint).toContain(projectId);
  expect(error.message).not.toContain('across projects');
});

test("events.head with a session token is its project's head, not the global one", async () => {
  const { id: projectId } = await newProject(h);
  const task = await h.caller.task.create({ projectId, title: 'agent work' });
  const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
  const asAgent = h.callerFor({ kind: 'session', sessionId: session.id, projectId });
  const own = (await asAgent.events.head({})).lastEventId;
  // Another project gets busier afterwards: the agent's head must not move with it.
  const { id: other } = await newProject(h);
  await h.caller.task.create({ projectId: other, title: 'elsewhere' });
  expect((await asAgent.events.head({})).lastEventId).toBe(own);
  expect((await h.caller.events.head({})).lastEventId).toBeGreaterThan(own);
  expect((await h.caller.events.head({ projectId })).lastEventId).toBe(own);
});

describe('a session token is held to its project by what each procedure declares, after validation', () => {
  async function agentAndForeign() {
    const { id: projectId } = await newProject(h);
    const own = await h.caller.task.create({ projectId, title: 'agent work' });
    const session = await h.caller.session.spawn({ taskIds: [own.id], agent: 'custom', command: 'true' });
    const asAgent = h.callerFor({ kind: 'session', sessionId: session.id, projectId });
    const { id: foreignProjectId } = await newProject(h);
    const foreign = await h.caller.task.create({ projectId: foreignProjectId, title: 'not yours' });
    const foreignSession = await h.caller.session.spawn({ taskIds: [foreign.id], agent: 'custom', command: 'true' });
    return { projectId, own, session, asAgent, foreignProjectId, foreign, foreignSession };
  }

  /** Nothing in the refusal (message, hint, details) names what the agent may not see. */
  function expectNoLeak(body: unknown, ...secrets: string[]) {
    const text = JSON.stringify(body);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  test('task.create with a parent from another project is FORBIDDEN and names neither that task nor its project', async () => {
    const a = await agentAndForeign();
    const before = await rowCounts(h);
    const { body } = await expectCode(a.asAgent.task.create({ projectId: a.projectId, title: 'sneaky', parentId: a.foreign.id }), 'FORBIDDEN');
    expectNoLeak(body, a.foreign.id, a.foreignProjectId);
    expect(body.message).toContain(a.projectId);
    expect(await rowCounts(h)).toEqual(before);
  });

  test('task.create depending on a task of another project is FORBIDDEN and names neither that task nor its project', async () => {
    const a = await agentAndForeign();
    const before = await rowCounts(h);
    const { body } = await expectCode(a.asAgent.task.create({ projectId: a.projectId, title: 'sneaky', dependsOn: [a.own.id, a.foreign.id] }), 'FORBIDDEN');
    expectNoLeak(body, a.foreign.id, a.foreignProjectId);
    expect(await rowCounts(h)).toEqual(before);
  });

  test('the same task.create inside its own project succeeds', async () => {
    const a = await agentAndForeign();
    const child = await a.asAgent.task.create({ projectId: a.projectId, title: 'fine', parentId: a.own.id, dependsOn: [a.own.id] });
    expect(child.parentId).toBe(a.own.id);
  });

  test('the server token gets a foreign parent refused without the other project named either', async () => {
    const a = await agentAndForeign();
    const { body } = await expectCode(h.caller.task.create({ projectId: a.projectId, title: 'cross', parentId: a.foreign.id }), 'VALIDATION');
    expect(body.message).not.toContain(a.foreignProjectId);
  });

  test('an extra key the input does not know cannot widen access: naming its own project beside a foreign target is still FORBIDDEN', async () => {
    const a = await agentAndForeign();
    await expectCode(a.asAgent.task.get({ id: a.foreign.id, ...{ projectId: a.projectId, taskId: a.own.id } }), 'FORBIDDEN');
    await expectCode(a.asAgent.session.get({ id: a.foreignSession.id, ...{ projectId: a.projectId, sessionId: a.session.id } }), 'FORBIDDEN');
    await expectCode(a.asAgent.task.comment({ id: a.foreign.id, body: 'hi', ...{ projectId: a.projectId, taskId: a.own.id } }), 'FORBIDDEN');
    await expectCode(a.asAgent.status.get({ projectId: a.foreignProjectId, ...{ id: a.own.id, taskId: a.own.id } }), 'FORBIDDEN');
    // An unknown key naming a foreign project does not refuse a call that is otherwise its own either: it is not read at all.
    expect((await a.asAgent.task.get({ id: a.own.id, ...{ projectId: a.foreignProjectId } })).id).toBe(a.own.id);
    const events = await allEvents(h, { taskId: a.foreign.id });
    expect(events.some((e) => e.type === 'task:commented')).toBe(false);
  });
});
