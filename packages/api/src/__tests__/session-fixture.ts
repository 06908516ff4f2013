import type { Harness } from '../testing/harness.js';

/** A registered runner and a spawn request it has claimed (never started): the ids session and runner inputs refer to. */
export async function sessionFixture(h: Harness, projectId: string): Promise<{ sessionId: string; runnerId: string }> {
  const task = await h.caller.task.create({ projectId, title: 'session fixture' });
  const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
  const { runnerId } = await h.caller.runner.register({ name: 'fixture runner', hostname: 'localhost', pid: 1 });
  await h.caller.runner.claim({ runnerId, sessionId: session.id });
  return { sessionId: session.id, runnerId };
}
