import { ATTENTION_STATES, TASK_PRIORITIES, TASK_STATUSES } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { expectCode, newProject } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('status.get', () => {
  test('an empty project has zero counts for every status and priority', async () => {
    const p = await newProject(h);
    const s = await h.caller.status.get({ projectId: p.id });
    expect(s).toEqual({
      projectId: p.id,
      total: 0,
      byStatus: Object.fromEntries(TASK_STATUSES.map((k) => [k, 0])),
      byPriority: Object.fromEntries(TASK_PRIORITIES.map((k) => [k, 0])),
      ready: 0,
      activeSessions: 0,
      attention: Object.fromEntries(ATTENTION_STATES.map((k) => [k, 0])),
      needsInput: [],
      blocked: [],
      // project:created is the project's only event so far.
      asOfEventId: expect.stringMatching(/^[1-9]\d*$/),
    });
  });

  test('counts by status and priority, the ready count and the blocked list with reasons', async () => {
    const p = await newProject(h);
    const other = await newProject(h);
    await h.caller.task.create({ projectId: other.id, title: 'not counted', priority: 'urgent' });
    const mk = (title: string, priority: 'low' | 'medium' | 'high' | 'urgent', dependsOn: string[] = []) =>
      h.caller.task.create({ projectId: p.id, title, priority, dependsOn });
    const a = await mk('a', 'urgent');
    const b = await mk('b', 'high');
    const c = await mk('c', 'high', [a.id]);
    const d = await mk('d', 'low');
    const e = await mk('e', 'medium');
    const s1 = await h.caller.subtask.create({ taskId: e.id, title: 'e1' });
    await mk('f', 'medium');
    await h.caller.task.claim({ projectId: p.id, id: a.id, claimant: 'agent-1' });
    await h.caller.task.block({ id: a.id, reason: 'needs credentials' });
    await h.caller.task.block({ id: b.id, reason: 'waiting for design' });
    await h.caller.task.complete({ id: d.id });
    await h.caller.subtask.update({ taskId: e.id, subtaskId: s1.id, status: 'cancelled' });

    const s = await h.caller.status.get({ projectId: p.id });
    expect(s.total).toBe(7);
    expect(s.byStatus).toEqual({ todo: 3, in_progress: 0, blocked: 2, in_review: 0, completed: 1, cancelled: 1 });
    expect(s.byPriority).toEqual({ low: 1, medium: 3, high: 2, urgent: 1 });
    // Ready: todo with every dependency completed: e and f (c waits for a).
    expect(s.ready).toBe(2);
    expect(s.ready).toBe((await h.caller.task.list({ projectId: p.id, ready: true })).total);
    expect(s.activeSessions).toBe(0);
    expect(s.blocked).toEqual([
      { id: a.id, title: 'a', blockedReason: 'needs credentials', assignee: 'agent-1' },
      { id: b.id, title: 'b', blockedReason: 'waiting for design', assignee: null },
    ]);
    expect(s.blocked.map((t) => t.id)).not.toContain(c.id);

    await h.caller.task.unblock({ id: b.id });
    const after = await h.caller.status.get({ projectId: p.id });
    expect(after.byStatus.blocked).toBe(1);
    expect(after.ready).toBe(3);
    expect(after.blocked.map((t) => t.id)).toEqual([a.id]);
  });

  test('an unknown project is NOT_FOUND', async () => {
    await expectCode(h.caller.status.get({ projectId: 'prj_0000000000' }), 'NOT_FOUND');
  });
});
