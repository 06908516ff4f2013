import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts real servers and databases; two at a time fits two cores.
    maxWorkers: 2,
  },
});
