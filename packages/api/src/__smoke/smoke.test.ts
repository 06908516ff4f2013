import { expect, test } from 'vitest';
import { createHarness } from '../testing/harness.js';

test('smoke', async () => {
  const h = await createHarness();
  const p = await h.caller.project.create({ name: 'demo', workingDir: '/tmp' });
  const t = await h.caller.task.create({ projectId: p.id, title: 'hello' });
  const s = await h.caller.subtask.create({ taskId: t.id, title: 'child' });
  await h.caller.task.start({ id: t.id });
  await h.caller.task.block({ id: t.id, reason: 'waiting' });
  await h.caller.task.unblock({ id: t.id });
  await h.caller.subtask.complete({ taskId: t.id, subtaskId: s.id });
  const done = await h.caller.task.complete({ id: t.id });
  expect(done.status).toBe('completed');
  const ev = await h.caller.events.list({ projectId: p.id });
  console.log(ev.items.map((e) => e.type + ':' + e.id));
  console.log(await h.caller.status.get({ projectId: p.id }));
  await h.close();
}, 60000);
