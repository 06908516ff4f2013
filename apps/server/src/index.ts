export { parseEnv, type ServerEnv } from './env.js';
export { createLogger } from './logger.js';
export { TRPC_PATH } from '@maestro/schemas';
export { startServer, type RunningServer } from './server.js';
