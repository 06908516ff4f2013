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
  const server = await serverTesting.spawnServer({ env, dataDir });
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
