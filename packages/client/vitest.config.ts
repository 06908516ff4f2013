import { mergeConfig } from 'vitest/config';
import { coverageConfig, sharedTestConfig } from '../../vitest.shared.js';

// Below the 80% goal: measured 2026-12-03 lines 17.5-17.9%, branches 21.0-21.7% (the sources changed
// between two runs). The client is exercised through the CLI's, runner's and dashboard's tests, which
// do not count here. The floor stops a drop.
export default mergeConfig(sharedTestConfig('client'), { test: { coverage: coverageConfig({ lines: 15, branches: 18 }) } });
