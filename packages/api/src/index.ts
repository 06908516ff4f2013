export { createMemoryBus } from './bus/memory.js';
export { createPostgresBus, EVENTS_CHANNEL } from './bus/postgres.js';
export type { EventBus, EventListener } from './bus/types.js';
export { createContextInner, type ApiHooks, type Auth, type ContextInner } from './context.js';
export { MaestroError, toErrorBody } from './errors.js';
export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from './router.js';
