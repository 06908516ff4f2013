import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import { createDb, tables } from '@maestro/db';
import { isEndedSessionStatus } from '@maestro/schemas';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, expect, test } from 'vitest';
import { startSupervisor, until, type Supervised } from './processes.js';

/**
 * Security item 8: a full lifecycle at LOG_LEVEL=debug under `npm start`'s
 * supervisor (server and runner), then every place a token could leak is read:
 * both processes' logs, every event, /metrics, every row of every table, and
 * every file the runner wrote (prompt files among them). The agent's own
 * environment must hold its session token and never the server token.
 */
let sup: Supervised | undefined;
afterAll(async () => {
  if (sup && sup.child.exitCode === null) {
    sup.child.kill('SIGTERM');
    await sup.exited;
  }
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() && statSync(path).size < 5_000_000 ? [path] : [];
  });
}

test('no token in logs, events, metrics, database rows or runner files after a full lifecycle at debug level; the agent gets its session token only', async () => {
  // The dashboard stays off: its printed sign-in URL carries the token to the owner's terminal on purpose.
  sup = await startSupervisor({ LOG_LEVEL: 'debug' });
  const serverToken = sup.token();
  const client = createNodeClient({ url: sup.url, token: serverToken });
  const out = mkdtempSync(join(tmpdir(), 'maestro-secrets-'));
  const project = await client.trpc.project.create.mutate({ name: 'secrets', workingDir: out });
  const task = await client.trpc.task.create.mutate({ projectId: project.id, title: 'leak nothing', description: 'a task whose text lands in a prompt file' });
  // The agent records its environment, then drives the CLI with its session token (HTTP calls logged at debug).
  const command = `env > ${out}/agent-env.txt; maestro task start; maestro task comment "agent was here"; maestro task complete; maestro task get tsk_doesnotexist; echo finished`;
  const session = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command });
  const ended = await until('the session to end', async () => {
    const s = await client.trpc.session.get.query({ id: session.id });
    return isEndedSessionStatus(s.status) ? s : null;
  });
  expect(ended.status).toBe('completed');
  expect((await client.trpc.task.get.query({ id: task.id })).status).toBe('completed');

  const agentEnv = readFileSync(join(out, 'agent-env.txt'), 'utf8');
  const sessionToken = /^MAESTRO_TOKEN=(mst_\S+)$/m.exec(agentEnv)?.[1];
  expect(sessionToken, 'the agent gets a session token').toBeDefined();
  expect(agentEnv).not.toContain(serverToken);

  const events = (await client.trpc.events.list.query({ projectId: project.id, limit: 500 })).items;
  expect(events.length).toBeGreaterThan(5);
  const metrics = await (await fetch(`${sup.url}/metrics`)).text();
  const runnerFiles = filesUnder(join(sup.dataDir, 'runner')).filter((f) => !f.includes(`${join(sup!.dataDir, 'runner', 'bin')}`));
  expect(runnerFiles.some((f) => f.endsWith('prompt.md'))).toBe(true);

  sup.child.kill('SIGTERM');
  await sup.exited;
  const log = sup.log();
  expect(log).toContain('"level":20'); // debug lines were written, so the check below means something

  // The server is gone: its embedded database can be opened and every table read.
  const db = createDb({ dataDir: join(sup.dataDir, 'data', 'pglite') });
  const rows: Record<string, unknown[]> = {};
  try {
    for (const [name, table] of Object.entries(tables)) if (is(table, PgTable)) rows[name] = await db.db.select().from(table);
  } finally {
    await db.close();
  }
  expect(rows.sessions?.length).toBe(1);

  const places: [string, string][] = [
    ['supervisor, server and runner output', log],
    ['events', JSON.stringify(events)],
    ['/metrics', metrics],
    ['database rows', JSON.stringify(rows)],
    ...runnerFiles.map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
  ];
  for (const [where, text] of places) {
    expect(text.includes(serverToken), `server token in ${where}`).toBe(false);
    expect(text.includes(sessionToken!), `session token in ${where}`).toBe(false);
  }
});
