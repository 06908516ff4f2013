/**
 * Spawn latency: from the `session.spawn` call to the session being `active`
 * (its process running in a PTY), as seen by a subscriber of the project's
 * events. One server process on PGlite and one runner. Baseline in the same
 * run: a bare node-pty spawn of the same command until its first output.
 *
 * Env: BENCH_SPAWNS (30). Goal from the issue: p50 ≤ 250 ms.
 */
import * as pty from '@lydell/node-pty';
import { intEnv, log, round, runBench, summarize } from './lib/common.mjs';
import { eventWaiter, startRunner } from './lib/runner.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const SPAWNS = intEnv('BENCH_SPAWNS', 30);
const COMMAND = 'echo ready; sleep 0.05';

function barePtySpawn() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const term = pty.spawn('/bin/bash', ['-c', COMMAND], { env: process.env, encoding: null });
    let first = null;
    term.onData(() => (first ??= performance.now() - t0));
    term.onExit(() => resolve(first ?? performance.now() - t0));
  });
}

await runBench('session-spawn', async () => {
  const server = await startServer({ LOG_LEVEL: 'warn' });
  await startRunner(server);
  const client = clientPkg.createNodeClient({ url: server.url, token: server.token });
  const project = await client.trpc.project.create.mutate({ name: 'bench-spawn', workingDir: '/tmp' });
  const waitFor = eventWaiter(client, project.id);
  await new Promise((r) => setTimeout(r, 500));
  const samples = [];
  let completed = 0;
  for (let i = 0; i < SPAWNS; i++) {
    const task = await client.trpc.task.create.mutate({ projectId: project.id, title: `spawn ${i}` });
    const t0 = performance.now();
    const session = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: COMMAND });
    const activeAt = await waitFor((e) => e.type === 'session:updated' && e.sessionId === session.id && e.payload.session.status === 'active');
    samples.push(activeAt - t0);
    await waitFor((e) => e.type === 'session:updated' && e.sessionId === session.id && ['completed', 'failed'].includes(e.payload.session.status));
    completed++;
  }
  const baseline = [];
  for (let i = 0; i < SPAWNS; i++) baseline.push(await barePtySpawn());
  const spawn = summarize(samples);
  const bare = summarize(baseline);
  log(`spawn → active p50 ${spawn.p50} ms, p99 ${spawn.p99} ms; bare PTY p50 ${bare.p50} ms`);
  client.close();
  return {
    ok: completed === SPAWNS,
    spawns: SPAWNS,
    spawnToActiveMs: spawn,
    baselineBarePtyFirstOutputMs: bare,
    ratioP50: round(spawn.p50 / bare.p50),
    goal: { p50Ms: 250, met: spawn.p50 <= 250 },
  };
});
