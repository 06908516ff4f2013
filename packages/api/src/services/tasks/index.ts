export * from './claim.js';
export * from './dependencies.js';
export * from './dependency-edges.js';
export * from './mutations.js';
export * from './reads.js';
export { requireTask } from './shared.js';
