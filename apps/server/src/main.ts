import { parseEnv } from './env.js';
import { loadErrorReporter } from './error-reporting.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';
import { loadDashboard } from './web/load.js';

/** `npm start` / `node dist/main.js`: start, print where to connect, stop cleanly on a signal. */
async function main(): Promise<void> {
  const env = parseEnv();
  const reportError = await loadErrorReporter(env.MAESTRO_ERROR_REPORTER);
  const logger = createLogger(env.LOG_LEVEL, undefined, { pretty: env.MAESTRO_ENV === 'development' && process.stdout.isTTY, reportError });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  const web = await loadDashboard(env, logger);
  const server = await startServer({ env, logger, ...(web.app ? { web: web.app } : {}) });
  const where =
    server.token.source.kind === 'env'
      ? 'from MAESTRO_TOKEN'
      : `in ${server.token.source.path}${server.token.source.created ? ' (created now, mode 0600)' : ''}`;
  process.stderr.write(
    `\nMaestro is running at ${server.url}\n` +
      `  database: ${server.db.kind === 'pglite' ? `embedded PGlite in ${env.MAESTRO_DATA_DIR}/pglite` : 'PostgreSQL (DATABASE_URL)'}\n` +
      `  token:    ${where}\n` +
      `  health:   ${server.url}/health\n` +
      (web.app ? `\nDashboard: ${server.url}/?token=${encodeURIComponent(server.token.token)}\n\n` : `  dashboard: ${web.reason}\n\n`),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Started by `npm start`'s supervisor with an IPC channel: if the supervisor dies, do not linger.
  if (process.send) process.on('disconnect', () => stop('supervisor gone'));
}

main().catch((error: unknown) => {
  process.stderr.write(`maestro server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
