export * from './api-tokens.js';
export * from './enums.js';
export * from './events.js';
export * from './idempotency-keys.js';
export * from './projects.js';
export * from './sessions.js';
export * from './tasks.js';
