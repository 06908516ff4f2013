import { mergeConfig } from 'vitest/config';
import { coverageConfig, sharedTestConfig } from '../../vitest.shared.js';

/**
 * The server, runner and CLI together. The global setup builds the CLI (as apps/cli's does) after
 * the shared one that measures spawned processes; coverage counts the runner, client and CLI code
 * run in this process and in the `maestro` binaries the tests start, merged with the packages' own
 * runs by scripts/coverage-summary.mjs.
 */
export default mergeConfig(sharedTestConfig('e2e'), {
  test: { globalSetup: ['./vitest.global-setup.ts'], coverage: coverageConfig() },
});
