export { createMemoryCommandBus, createPostgresCommandBus, type CommandBus } from './bus/commands.js';
export { createMemoryBus } from './bus/memory.js';
export { createOutputFeed, type OutputFeed } from './bus/output-feed.js';
export { createPostgresBus, EVENTS_CHANNEL } from './bus/postgres.js';
export type { EventBus, EventListener } from './bus/types.js';
export { createContextInner, DEFAULT_API_CONFIG, type ApiConfig, type ApiHooks, type Auth, type ContextInner } from './context.js';
export { hashToken, sweepLostSessions } from './services/sessions/index.js';
export { MaestroError, toErrorBody } from './errors.js';
export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from './router.js';
