import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { expectCode, newProject } from './helpers.js';

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
