import { mergeConfig } from 'vitest/config';
import { coverageConfig, sharedTestConfig } from '../../vitest.shared.js';

// One harness per file, created in beforeAll: PGlite takes 2–9 s to start.
export default mergeConfig(sharedTestConfig('api'), {
  test: { testTimeout: 30_000, hookTimeout: 60_000, coverage: coverageConfig() },
});
