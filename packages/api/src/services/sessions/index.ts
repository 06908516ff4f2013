export * from './attention.js';
export * from './capacity.js';
export * from './lifecycle.js';
export * from './output.js';
export * from './reads.js';
export * from './resize.js';
export * from './runners.js';
export * from './spawn.js';
export { requireSession } from './shared.js';
