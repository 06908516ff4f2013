import { fileURLToPath } from 'node:url';
import { sharedTestConfig } from '../../vitest.shared.js';

/** Fault tests: real processes broken on purpose (`npm run test:faults`; needs the server, runner and CLI built). */
const config = sharedTestConfig('faults');
export default {
  ...config,
  // `npm run test:faults` runs from the repository root: without a root of its own it would collect every test in the repo.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { ...config.test, include: ['src/**/*.test.ts'], maxWorkers: 1, testTimeout: 180_000 },
};
