import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertRunning, onCleanup, trackChild } from './common.mjs';
import { serverTesting } from './workspace.mjs';

/**
 * A real server process (`spawnServer`) that is stopped, and its data directory
 * removed, at cleanup even if the bench fails; SIGKILL if SIGTERM is not enough.
 */
export async function startServer(env) {
  assertRunning();
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-bench-srv-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  // BENCH_CPU_PROFILE_DIR=<dir> profiles the server (see lib/cpu-profile.mjs).
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const profiling = profileDir ? { NODE_OPTIONS: `--import ${new URL('./cpu-profile.mjs', import.meta.url).pathname}`, BENCH_CPU_PROFILE_DIR: profileDir } : {};
  const server = await serverTesting.spawnServer({ env: { ...env, ...profiling }, dataDir });
  trackChild(server.child);
  let stopping = null;
  const stop = () =>
    (stopping ??= (async () => {
      const killer = setTimeout(() => server.child.kill('SIGKILL'), 5_000);
      await server.stop();
      clearTimeout(killer);
    })());
  onCleanup(stop);
  return { ...server, stopServer: stop };
}
