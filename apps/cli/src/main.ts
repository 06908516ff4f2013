import { run } from './run.js';

// A reader that goes away (`maestro watch | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Once a command is done, this long at most for the event loop to drain by itself. */
const LINGER_MS = 500;

void run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
  // A closed client can still hold a reconnect timer (a `watch` whose server went away backs off up to
  // 10 s): that must not keep a finished command alive. Output is written synchronously here (Linux).
  setTimeout(() => process.exit(code), LINGER_MS).unref();
});
