import { runnerListOutput } from '@maestro/schemas';
import { tables } from '@maestro/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_API_CONFIG } from '../context.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { newProject } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ config: { ...DEFAULT_API_CONFIG, runnerLeaseMs: 30_000 } });
});
afterAll(async () => {
  await h?.close();
});

/** A runner that has been silent for an hour, as if its process had died. */
async function silence(runnerId: string) {
  await h.db
    .update(tables.runners)
    .set({ lastHeartbeatAt: sql`now() - interval '1 hour'` })
    .where(eq(tables.runners.id, runnerId));
}

async function spawnOn(projectId: string, runnerId: string) {
  const task = await h.caller.task.create({ projectId, title: 'work' });
  const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
  await h.caller.runner.claim({ runnerId, sessionId: session.id });
  return session;
}

describe('runner.list', () => {
  test('with no runner registered it is empty: the dashboard warns "no runner connected"', async () => {
    expect(await h.caller.runner.list()).toEqual({ items: [], leaseMs: 30_000 });
  });

  test('lists every runner, newest heartbeat first, live within the lease, with its live sessions', async () => {
    const p = await newProject(h);
    const other = await newProject(h);
    const { runnerId: a } = await h.caller.runner.register({ name: 'alpha', hostname: 'host-a', pid: 101 });
    const { runnerId: b } = await h.caller.runner.register({ name: 'beta', hostname: 'host-b', pid: 202 });
    const gone = (await h.caller.runner.register({ name: 'gone', hostname: 'host-c', pid: 303 })).runnerId;
    await silence(gone);
    await silence(a);
    await h.caller.runner.heartbeat({ runnerId: a, sessionIds: [] });

    const first = await spawnOn(p.id, a);
    await h.caller.runner.started({ runnerId: a, sessionId: first.id, pid: 7, workingDir: '/tmp', branch: null });
    await spawnOn(other.id, a);
    const ended = await spawnOn(p.id, b);
    await h.caller.runner.exit({ runnerId: b, sessionId: ended.id, exitCode: 0, signal: null, error: null });

    const list = await h.caller.runner.list();
    expect(runnerListOutput.parse(list)).toEqual(list);
    expect(list.items.map((r) => r.id)).toEqual([a, b, gone]);
    expect(list.items[0]).toMatchObject({ id: a, name: 'alpha', hostname: 'host-a', pid: 101, live: true, sessions: 2 });
    expect(list.items[1]).toMatchObject({ id: b, live: true, sessions: 0 });
    expect(list.items[2]).toMatchObject({ id: gone, live: false, sessions: 0 });
    expect(Date.parse(list.items[0]!.lastHeartbeatAt)).toBeGreaterThanOrEqual(Date.parse(list.items[1]!.lastHeartbeatAt));
    expect(Date.now() - Date.parse(list.items[2]!.lastHeartbeatAt)).toBeGreaterThan(3_000_000);

    // A spawned agent may read it too; it sees only its own project's sessions counted.
    const agent = h.callerFor({ kind: 'session', sessionId: first.id, projectId: p.id });
    const seen = await agent.runner.list();
    expect(seen.items.map((r) => [r.id, r.sessions])).toEqual([
      [a, 1],
      [b, 0],
      [gone, 0],
    ]);
  });
});
