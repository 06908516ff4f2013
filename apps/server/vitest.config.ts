import { mergeConfig } from 'vitest/config';
import { coverageConfig, sharedTestConfig } from '../../vitest.shared.js';

// The server is not held to a floor, but its in-process tests run the API, database and client:
// their coverage goes into the merge (scripts/coverage-summary.mjs).
export default mergeConfig(sharedTestConfig('server'), { test: { coverage: coverageConfig() } });
