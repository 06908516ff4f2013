import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './common.mjs';
import { client as clientPkg } from './workspace.mjs';

const runnerPkg = await import('@maestro/runner');

/** A runner in this process against `server`, stopped at cleanup. Agents get a prompt-less plain shell. */
export async function startRunner(server, name = 'bench-runner') {
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-bench-runner-'));
  const client = clientPkg.createNodeClient({ url: server.url, token: server.token });
  // BENCH_RUNNER_LOG=1 prints the runner's warnings and errors (retries among them) to stderr.
  const say = (level) => (fields, message) => console.error(`runner ${level}: ${message}`, JSON.stringify(fields));
  const quiet = process.env.BENCH_RUNNER_LOG ? { info() {}, warn: say('warn'), error: say('error') } : { info() {}, warn() {}, error() {} };
  const runner = runnerPkg.createRunner({
    client,
    apiUrl: server.url,
    name,
    dataDir,
    binDir: null,
    baseEnv: { PATH: process.env.PATH, HOME: process.env.HOME, SHELL: '/bin/bash' },
    composePrompt: async () => 'bench\n',
    logger: quiet,
  });
  await runner.start();
  onCleanup(async () => {
    await runner.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return runner;
}

/** Resolves when `predicate(event)` holds for an event of the project; the subscription stays open. */
export function eventWaiter(client, projectId) {
  const waiters = [];
  const sub = client.trpc.events.onEvent.subscribe(
    { projectId },
    {
      onData: ({ data }) => {
        const at = performance.now();
        for (const w of [...waiters]) {
          if (w.predicate(data)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(at);
          }
        }
      },
    },
  );
  onCleanup(() => sub.unsubscribe());
  return (predicate) => new Promise((resolve) => waiters.push({ predicate, resolve }));
}
