import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import type { MaestroEvent, Task } from '@maestro/schemas';
import { spawnServer } from '@maestro/server/testing';
import { expect, test } from 'vitest';
import { ROOT } from './processes.js';

/**
 * 50 scripted agents — separate processes driving the real `maestro` CLI — on
 * one project of 100 ready tasks: claiming, describing, adding and finishing
 * subtasks, blocking and completing, all at once. Afterwards the invariants
 * hold: each task claimed by at most one agent, every task's versions strictly
 * increase through its events, replaying the event log reproduces every task's
 * final status, and no subtask lost its parent.
 */
// FAULTS_AGENTS shrinks the run for a quick local check; CI runs the full 50 on 100 tasks.
const AGENTS = Number(process.env.FAULTS_AGENTS ?? 50);
const TASKS = AGENTS * 2;

function runAgent(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn('bash', [join(ROOT, 'tests/faults/agents/lifecycle-agent.sh')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

test(`${AGENTS} scripted agents on one project: claims, versions, replayed statuses and parents all hold`, { timeout: 900_000 }, async () => {
  const server = await spawnServer();
  const client = createNodeClient({ url: server.url, token: server.token });
  try {
    const project = await client.trpc.project.create.mutate({ name: 'agents', workingDir: '/tmp' });
    for (let i = 0; i < TASKS; i++) await client.trpc.task.create.mutate({ projectId: project.id, title: `task ${i}` });

    const env = {
      PATH: process.env.PATH ?? '',
      HOME: server.dataDir,
      MAESTRO_API_URL: server.url,
      MAESTRO_TOKEN: server.token,
      MAESTRO_PROJECT_ID: project.id,
      MAESTRO_CLI: join(ROOT, 'apps/cli/dist/maestro-bundle.cjs'),
      MAESTRO_RETRIES: '5',
    };
    const results = await Promise.all(Array.from({ length: AGENTS }, (_, i) => runAgent({ ...env, AGENT: `agent-${i}` })));
    for (const r of results) expect(r.code, r.output).toBe(0);

    const tasks: Task[] = [];
    for (let cursor: string | undefined; ;) {
      const page = await client.trpc.task.list.query({ projectId: project.id, limit: 500, ...(cursor ? { cursor } : {}) });
      tasks.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const events: MaestroEvent[] = [];
    for (let afterId: number | undefined; ;) {
      const page = await client.trpc.events.list.query({ projectId: project.id, limit: 500, ...(afterId !== undefined ? { afterId } : {}) });
      events.push(...(page.items as MaestroEvent[]));
      if (page.nextAfterId === null) break;
      afterId = page.nextAfterId;
    }

    // Every top-level task was worked on: nothing is left ready.
    const top = tasks.filter((t) => t.parentId === null);
    expect(top).toHaveLength(TASKS);
    expect(top.filter((t) => t.status === 'todo')).toEqual([]);

    // Claimed by at most one agent; every top-level task claimed (ready subtasks may be claimed too).
    const claimers = new Map<string, Set<string>>();
    for (const e of events) {
      if (e.type === 'task:updated' && e.payload.action === 'claim') {
        const set = claimers.get(e.payload.task.id) ?? new Set<string>();
        set.add(e.payload.task.assignee ?? '');
        claimers.set(e.payload.task.id, set);
      }
    }
    expect(top.filter((t) => claimers.has(t.id))).toHaveLength(TASKS);
    for (const [id, who] of claimers) expect(who.size, id).toBe(1);
    for (const [id, who] of claimers) expect(tasks.find((t) => t.id === id)?.assignee).toBe([...who][0]);

    // Versions strictly increase, and replaying the log gives every task's final status and version.
    // (An event about a subtask also carries its parent unchanged: same version, same row.)
    const replayed = new Map<string, { status: string; version: number; row: string }>();
    for (const e of events) {
      const t =
        e.type === 'task:created' || e.type === 'task:updated'
          ? e.payload.task
          : e.type === 'subtask:created' || e.type === 'subtask:updated'
            ? e.payload.subtask
            : null;
      if (!t) continue;
      const row = JSON.stringify({ ...t, updatedAt: undefined });
      const before = replayed.get(t.id);
      if (before && t.version === before.version) expect(row, `${t.id} changed without a new version`).toBe(before.row);
      else if (before) expect(t.version, `${t.id} after ${before.version}`).toBeGreaterThan(before.version);
      replayed.set(t.id, { status: t.status, version: t.version, row });
    }
    for (const t of tasks) expect(replayed.get(t.id), t.id).toMatchObject({ status: t.status, version: t.version });

    // No orphans: every subtask's parent exists.
    const ids = new Set(tasks.map((t) => t.id));
    const subtasks = tasks.filter((t) => t.parentId !== null);
    expect(subtasks.length).toBeGreaterThan(0);
    for (const s of subtasks) expect(ids.has(s.parentId!), s.id).toBe(true);
  } finally {
    client.close();
    await server.stop();
  }
});
