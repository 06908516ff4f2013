export { parseEnv, type ServerEnv } from './env.js';
export { createLogger } from './logger.js';
export { startServer, TRPC_PATH, type RunningServer } from './server.js';
