import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Project, Session } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, expect, test } from 'vitest';
import { expectSuccess, runCli, tempHome } from './helpers.js';
import { startCli, untilSession } from './long-running.js';

const servers: ServerProcess[] = [];
const children: ReturnType<typeof startCli>[] = [];
afterAll(async () => {
  for (const c of children) c.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
});

/**
 * `maestro runner` and `maestro watch` as a user runs them, through three
 * server restarts: no listener leak warning, the watch banner said once, and
 * with its server gone the runner still stops promptly on SIGTERM.
 */
test('runner and watch survive 3 server restarts without a listener leak; the runner stops fast with its server gone', async () => {
  let server = await spawnServer();
  servers.push(server);
  const env = {
    HOME: tempHome(),
    MAESTRO_API_URL: server.url,
    MAESTRO_TOKEN: server.token,
    MAESTRO_RUNNER_DIR: mkdtempSync(join(tmpdir(), 'runner-process-')),
  };
  const project = expectSuccess<Project>(await runCli(['project', 'create', 'restarts', '--json'], env), 'project create');
  const projectEnv = { ...env, MAESTRO_PROJECT_ID: project.id };
  const quietTask = expectSuccess<{ id: string }>(await runCli(['task', 'create', 'nothing happens to me', '--json'], projectEnv), 'task create');
  const runner = startCli(['runner', '--name', 'restart-runner'], projectEnv);
  const watch = startCli(['watch'], projectEnv);
  // Sees no event at all: its banner used to come back with every reconnect.
  const quiet = startCli(['watch', '--task', quietTask.id], projectEnv);
  children.push(runner, watch, quiet);
  await runner.waitForStderr(/hosting sessions/);
  await watch.waitForStderr(/watching for events/);
  await quiet.waitForStderr(/watching for events/);

  const task = expectSuccess<{ id: string }>(await runCli(['task', 'create', 'long', '--json'], projectEnv), 'task create');
  const session = expectSuccess<Session>(
    await runCli(['session', 'spawn', '--task', task.id, '--agent', 'custom', '--command', 'sleep 600', '--wait', '--json'], projectEnv, 60_000),
    'session spawn',
  );

  for (let round = 1; round <= 3; round++) {
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await spawnServer({ dataDir: server.dataDir, port: server.port });
    servers.push(server);
    expect((await untilSession(projectEnv, session.id, ['active', 'lost'])).status).toBe('active');
    expectSuccess(await runCli(['task', 'create', `after restart ${round}`, '--json'], projectEnv), 'task create');
    await watch.waitForStderr(new RegExp(`(reconnected[\\s\\S]*){${round}}`), 60_000);
    await quiet.waitForStderr(new RegExp(`(reconnected[\\s\\S]*){${round}}`), 60_000);
    // The runner is back on its feet: its heartbeat renewed the lease on this server.
    const runners = expectSuccess<{ runners: { name: string; live: boolean }[] }>(await runCli(['status', '--json'], projectEnv), 'status').runners;
    expect(runners.find((r) => r.name === 'restart-runner')?.live).toBe(true);
  }
  await watch.waitForStderr(/after restart 3|reconnected/);
  for (let i = 0; i < 50 && !watch.stdout.includes('"after restart 3"'); i++) await new Promise((r) => setTimeout(r, 100));
  expect(watch.stdout).toContain('"after restart 3"');

  // The server gone for good: watches stop at once on a signal (no lingering reconnect timer), and a
  // SIGTERM stops the runner's agent and the runner within a few seconds (it used to take over 15).
  await server.stop('SIGTERM');
  await watch.waitForStderr(/(lost; reconnecting[\s\S]*){4}/);
  const watchStop = Date.now();
  const stoppedWatch = await watch.stop('SIGTERM');
  expect(Date.now() - watchStop).toBeLessThan(3_000);
  expect(stoppedWatch.code).toBe(0);
  expect(stoppedWatch.stderr.match(/watching for events/g)).toHaveLength(1);
  expect(stoppedWatch.stderr).not.toContain('MaxListenersExceededWarning');
  const stoppedQuiet = await quiet.stop();
  expect(stoppedQuiet.stdout).toBe('');
  expect(stoppedQuiet.stderr.match(/watching for events/g)).toHaveLength(1);
  expect(runner.stderr).not.toContain('MaxListenersExceededWarning');

  const started = Date.now();
  const stoppedRunner = await runner.stop('SIGTERM');
  expect(stoppedRunner.code).toBe(0);
  expect(Date.now() - started).toBeLessThan(8_000);
  expect(stoppedRunner.stderr).not.toContain('MaxListenersExceededWarning');
}, 240_000);
