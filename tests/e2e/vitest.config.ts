import { mergeConfig } from 'vitest/config';
import { coverageConfig, sharedTestConfig } from '../../vitest.shared.js';

/**
 * The server, runner and CLI together. Coverage counts the runner, client and CLI code run in this
 * process (in-process runners, harnesses); the spawned server and `maestro` binaries are not measured.
 * scripts/coverage-summary.mjs merges it with the packages' own runs.
 */
export default mergeConfig(sharedTestConfig('e2e'), { test: { coverage: coverageConfig() } });
