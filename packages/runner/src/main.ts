import { parseRunnerEnv } from './env.js';
import { startRunner } from './start.js';

/** `maestro runner` / `npm start`'s local runner: host sessions until a signal, then stop them cleanly. */
async function main(): Promise<void> {
  const env = parseRunnerEnv();
  const runner = await startRunner(env, process.env);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    void runner.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`maestro runner failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
