import { join } from 'node:path';
import { findBuiltinSkillsDir } from '@maestro/skills';
import type { MaestroEvent } from '@maestro/schemas';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Runner } from '@maestro/runner';
import { builtCli } from '../harness/cli.js';
import { startStack, startTestRunner, waitForSession, type Stack } from '../harness/stack.js';

const SKILLS = findBuiltinSkillsDir()!;
const WORKER = `bash ${join(SKILLS, 'maestro-worker', 'scripted-worker.sh')}`;
const ORCHESTRATOR = join(SKILLS, 'maestro-orchestrator', 'scripted-orchestrator.sh');

let stack: Stack;
let runner: Runner;

beforeAll(async () => {
  builtCli();
  stack = await startStack();
  runner = (await startTestRunner({ url: stack.server.url, token: stack.server.token })).runner;
});
afterAll(async () => {
  await runner?.stop();
  await stack?.server.stop();
});

async function timeline(taskId: string): Promise<MaestroEvent[]> {
  return (await stack.client.trpc.events.list.query({ taskId, limit: 500 })).items as MaestroEvent[];
}

test('a scripted worker agent completes its task and subtasks; the session ends completed; the timeline tells the story', { timeout: 120_000 }, async () => {
  const trpc = stack.client.trpc;
  const task = await trpc.task.create.mutate({ projectId: stack.project.id, title: 'Ship the feature', description: 'Two steps.' });
  const subs = [await trpc.subtask.create.mutate({ taskId: task.id, title: 'Step A' }), await trpc.subtask.create.mutate({ taskId: task.id, title: 'Step B' })];
  const session = await trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: WORKER });
  expect((await waitForSession(stack.client, session.id, undefined, 90_000)).status).toBe('completed');
  const after = await trpc.task.get.query({ id: task.id });
  expect(after.status).toBe('completed');
  expect(after.subtasks.map((s) => s.status)).toEqual(['completed', 'completed']);
  const story = (await timeline(task.id)).map((e) => (e.type === 'task:updated' ? `${e.payload.action}` : e.type));
  expect(story).toEqual(expect.arrayContaining(['subtask_created', 'assign', 'start', 'subtask:updated', 'complete']));
  expect(story.indexOf('assign')).toBeLessThan(story.indexOf('start'));
  expect(story.lastIndexOf('complete')).toBe(story.length - 1);
  for (const sub of subs) {
    const subStory = (await timeline(sub.id)).filter((e) => e.type === 'task:updated').map((e) => e.actor);
    expect(subStory).toContain(session.id);
  }
});

test(
  'orchestrator end to end: 3 subtasks, 3 workers spawned with maestro session spawn, parent completed; no worker touched another task',
  { timeout: 180_000 },
  async () => {
    const trpc = stack.client.trpc;
    const parent = await trpc.task.create.mutate({ projectId: stack.project.id, title: 'Build the thing', description: 'Split it in three.' });
    const orchestrator = await trpc.session.spawn.mutate({
      taskIds: [parent.id],
      role: 'orchestrator',
      agent: 'custom',
      command: `WORKER_COMMAND='${WORKER}' bash ${ORCHESTRATOR}`,
    });
    const done = await waitForSession(stack.client, orchestrator.id, undefined, 150_000);
    expect(done.status).toBe('completed');
    expect((await trpc.task.get.query({ id: parent.id })).status).toBe('completed');

    const workers = (await trpc.session.list.query({ projectId: stack.project.id, spawnedBy: orchestrator.id })).items;
    expect(workers).toHaveLength(3);
    const ended = await Promise.all(workers.map((w) => waitForSession(stack.client, w.id)));
    expect(ended.map((w) => w.status)).toEqual(['completed', 'completed', 'completed']);
    for (const w of ended) expect(w.parentSessionId).toBe(orchestrator.id);
    const subtasks = (await trpc.task.get.query({ id: parent.id })).subtasks;
    expect(subtasks.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(new Set(ended.flatMap((w) => w.taskIds))).toEqual(new Set(subtasks.map((s) => s.id)));

    // Every change a worker made was to its own task.
    const events = (await trpc.events.list.query({ projectId: stack.project.id, limit: 500 })).items as MaestroEvent[];
    for (const w of ended) {
      const touched = events
        .filter((e) => e.actor === w.id)
        .map((e) =>
          e.type === 'subtask:updated' ? e.payload.subtask.id : e.type === 'task:updated' && !e.payload.action.startsWith('subtask_') ? e.taskId : null,
        )
        .filter((id): id is string => id !== null);
      expect(touched.length).toBeGreaterThan(0);
      expect(new Set(touched)).toEqual(new Set(w.taskIds));
    }
  },
);
