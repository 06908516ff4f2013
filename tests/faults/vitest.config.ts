import { sharedTestConfig } from '../../vitest.shared.js';

/** Fault tests: real processes broken on purpose (`npm run test:faults`; needs the server, runner and CLI built). */
const config = sharedTestConfig('faults');
export default { ...config, test: { ...config.test, maxWorkers: 1, testTimeout: 180_000 } };
