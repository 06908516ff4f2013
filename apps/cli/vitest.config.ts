import { mergeConfig } from 'vitest/config';
import { coverageConfig, sharedTestConfig } from '../../vitest.shared.js';

/**
 * Integration tests run the built binary: the global setup builds it once per run.
 * Coverage counts only code run inside vitest's process, not the spawned binary
 * (scripts/coverage-summary.mjs has the floors).
 */
export default mergeConfig(sharedTestConfig('cli'), {
  test: { globalSetup: ['./vitest.global-setup.ts'], coverage: coverageConfig() },
});
