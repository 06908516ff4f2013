import { mergeConfig } from 'vitest/config';
import { coverageConfig, sharedTestConfig } from '../../vitest.shared.js';

export default mergeConfig(sharedTestConfig('db'), { test: { coverage: coverageConfig() } });
