import { hasTokenInEnv, inheritedEnv, parseRunnerEnv, tokenFilePath } from './env.js';
import { startRunner } from './start.js';
import { waitForServer, waitForTokenFile } from './wait.js';

const say = (message: string) => process.stderr.write(`maestro runner: ${message}\n`);

/** `npm start`'s local runner (and `npm run dev`'s): host sessions until a signal, then stop them cleanly. */
async function main(): Promise<void> {
  const stopping = new AbortController();
  let runner: Awaited<ReturnType<typeof startRunner>> | null = null;
  const stop = (why: string) => {
    if (stopping.signal.aborted) process.exit(1);
    stopping.abort();
    say(`${why}: stopping`);
    if (!runner) process.exit(0);
    void runner.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Started by `npm start`'s supervisor with an IPC channel: if the supervisor dies, do not linger.
  if (process.send) process.on('disconnect', () => stop('the supervisor is gone'));

  if (!hasTokenInEnv()) await waitForTokenFile(tokenFilePath(), say, stopping.signal);
  const env = parseRunnerEnv();
  await waitForServer(env.MAESTRO_API_URL, say, stopping.signal);
  if (stopping.signal.aborted) return;
  runner = await startRunner(env, inheritedEnv());
}

main().catch((error: unknown) => {
  process.stderr.write(`maestro runner failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
