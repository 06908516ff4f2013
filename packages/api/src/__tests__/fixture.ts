import type { Harness } from '../testing/harness.js';
import { newProject } from './helpers.js';
import type { Fixture } from './procedures.js';

/**
 * The ids every procedure's inputs refer to: a project, a task with one
 * subtask, an unrelated task, a registered runner and a spawn request it has
 * claimed (never started).
 */
export async function createFixture(h: Harness): Promise<Fixture> {
  const projectId = (await newProject(h)).id;
  const task = await h.caller.task.create({ projectId, title: 'fixture' });
  const sub = await h.caller.subtask.create({ taskId: task.id, title: 'fixture child' });
  const other = await h.caller.task.create({ projectId, title: 'unrelated' });
  const sessionTask = await h.caller.task.create({ projectId, title: 'session fixture' });
  const session = await h.caller.session.spawn({ taskIds: [sessionTask.id], agent: 'custom', command: 'true' });
  const { runnerId } = await h.caller.runner.register({ name: 'fixture runner', hostname: 'localhost', pid: 1 });
  await h.caller.runner.claim({ runnerId, sessionId: session.id });
  return { projectId, taskId: task.id, subtaskId: sub.id, otherTaskId: other.id, sessionId: session.id, runnerId };
}
