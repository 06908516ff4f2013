import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

/** Integration tests run the built binary: the global setup builds it once per run. */
export default mergeConfig(sharedTestConfig('cli'), {
  test: { globalSetup: ['./vitest.global-setup.ts'] },
});
