import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient, type MaestroClient } from '@maestro/client/node';
import { readAllOutput, waitForSession } from '@maestro/e2e/stack';
import { afterEach, expect, test } from 'vitest';
import { alive, startSupervisor, until, type Supervised } from './processes.js';

// `npm start` as a user runs it: scripts/start.mjs supervising the built server and runner.
let sup: Supervised | undefined;
let client: MaestroClient | undefined;

afterEach(async () => {
  client?.close();
  if (sup && sup.child.exitCode === null) {
    sup.child.kill('SIGTERM');
    await sup.exited;
  }
  sup = client = undefined;
});

async function setUp(env: Record<string, string> = {}) {
  sup = await startSupervisor(env);
  client = createNodeClient({ url: sup.url, token: sup.token() });
  const project = await client.trpc.project.create.mutate({ name: 'faults', workingDir: mkdtempSync(join(tmpdir(), 'maestro-work-')) });
  const spawnSession = async (command: string) => {
    const task = await client!.trpc.task.create.mutate({ projectId: project.id, title: `run ${command.slice(0, 40)}` });
    return client!.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command });
  };
  return { sup, client, spawnSession };
}

test('kill -9 the server only: the supervisor restarts it, the agent keeps running, its output is stored byte-exact and in order', async () => {
  const { sup, client, spawnSession } = await setUp();
  const lines = 300;
  const session = await spawnSession(`for i in $(seq 1 ${lines}); do echo line-$i; sleep 0.03; done`);
  const active = await waitForSession(client, session.id, ['active']);
  const agentPid = active.pid!;
  await until('some output', async () => (await client.trpc.session.output.query({ id: session.id, afterSeq: -1, limit: 1 })).chunks.length > 0);

  const serverPid = sup.serverPid()!;
  const runnerPid = sup.runnerPid()!;
  process.kill(serverPid, 'SIGKILL');
  await sup.waitForLog('the server exited unexpectedly (killed by SIGKILL); restarting it');
  // While the server is down (or coming back), the agent and the runner are untouched.
  expect(alive(agentPid)).toBe(true);
  expect(alive(runnerPid)).toBe(true);
  await until('a new server process', () => {
    const pid = sup.serverPid();
    return pid !== undefined && pid !== serverPid;
  });

  const done = await waitForSession(client, session.id, undefined, 90_000);
  expect(done.status).toBe('completed');
  expect(sup.runnerPid()).toBe(runnerPid);
  const expected = Array.from({ length: lines }, (_, i) => `line-${i + 1}\r\n`).join('');
  expect((await readAllOutput(client, session.id)).toString('utf8')).toBe(expected);
});

test('the server runs with a capped V8 young generation (memory of the embedded default, issue #12), also after a restart', async () => {
  const { sup } = await setUp();
  const flags = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const first = sup.serverPid()!;
  expect(flags(first)).toContain('--max-semi-space-size=4');
  process.kill(first, 'SIGKILL');
  await until('a new server process', () => {
    const pid = sup.serverPid();
    return pid !== undefined && pid !== first;
  });
  expect(flags(sup.serverPid()!)).toContain('--max-semi-space-size=4');
});

test('kill -9 the runner: the supervisor restarts it, its session becomes lost, a new spawn completes', async () => {
  const { sup, client, spawnSession } = await setUp();
  const session = await spawnSession('sleep 600');
  await waitForSession(client, session.id, ['active']);
  const runnerPid = sup.runnerPid()!;
  process.kill(runnerPid, 'SIGKILL');
  await sup.waitForLog('the runner exited unexpectedly (killed by SIGKILL); restarting it');
  expect((await waitForSession(client, session.id, undefined, 60_000)).status).toBe('lost');
  const again = await spawnSession('echo fresh');
  expect((await waitForSession(client, again.id, undefined, 60_000)).status).toBe('completed');
  expect(sup.runnerPid()).not.toBe(runnerPid);
});

test('SIGTERM stops everything: the agent gets SIGTERM and reports, the runner then the server stop, the terminal is told', async () => {
  const { sup, client, spawnSession } = await setUp();
  const marker = join(sup.dataDir, 'agent-got-term');
  const session = await spawnSession(`trap 'touch ${marker}; exit 7' TERM; sleep 600 & wait`);
  const active = await waitForSession(client, session.id, ['active']);
  const pids = [sup.serverPid()!, sup.runnerPid()!, active.pid!];
  sup.child.kill('SIGTERM');
  expect(await sup.exited).toBe(0);
  expect(sup.log()).toContain('SIGTERM, then SIGKILL after 5 s');
  expect(existsSync(marker)).toBe(true);
  for (const pid of pids) expect(alive(pid)).toBe(false);
});

test('the supervisor itself killed with SIGKILL: the server, the runner and the agent do not linger', async () => {
  const { sup, client, spawnSession } = await setUp();
  const session = await spawnSession('sleep 600');
  const active = await waitForSession(client, session.id, ['active']);
  const pids = [sup.serverPid()!, sup.runnerPid()!, active.pid!];
  sup.child.kill('SIGKILL');
  await sup.exited;
  for (const pid of pids) await until(`process ${pid} to exit`, () => !alive(pid), 30_000);
});

test('crash loop: 5 server exits within a minute stop the supervisor with a clear message and nothing left behind', async () => {
  const { sup } = await setUp();
  // The supervisor marks the server ready (and only then restarts it on a crash) when it starts the
  // runner; /health can answer a moment before. Killing it earlier is "could not start", not a crash.
  const runnerPid = await until('the runner to start', () => sup.runnerPid());
  let last: number | undefined;
  for (let i = 1; i <= 5; i++) {
    const pid = await until(`server process #${i}`, () => {
      const p = sup.serverPid();
      return p !== undefined && p !== last ? p : undefined;
    });
    last = pid;
    process.kill(pid, 'SIGKILL');
    if (i < 5) await sup.waitForLog('the server exited unexpectedly', i);
  }
  expect(await sup.exited).toBe(1);
  expect(sup.log()).toContain('the server exited 5 times within 60 s (last: killed by SIGKILL). Not restarting it');
  await until('the runner to stop', () => !alive(runnerPid), 30_000);
});

test('a server that cannot start (port taken) is not restarted: the supervisor says so and exits 1', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    sup = await startSupervisor({ PORT: String(port) }, { waitHealthy: false });
    expect(await sup.exited).toBe(1);
    expect(sup.log()).toContain('the server could not start (exit code 1)');
    expect(sup.log()).not.toContain('restarting');
  } finally {
    blocker.close();
  }
});
