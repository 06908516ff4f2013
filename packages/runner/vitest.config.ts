import { mergeConfig } from 'vitest/config';
import { coverageConfig, sharedTestConfig } from '../../vitest.shared.js';

export default mergeConfig(sharedTestConfig('runner'), { test: { coverage: coverageConfig() } });
