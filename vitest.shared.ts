import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Settings every package's vitest config starts from. When CI sets
 * MAESTRO_TEST_REPORT_DIR, each run also writes a JSON report there so
 * `.ci/run` can print one "N passed, N failed" line for the whole repo.
 */
export function sharedTestConfig(packageName: string) {
  const reportDir = process.env.MAESTRO_TEST_REPORT_DIR;
  const database = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  return defineConfig({
    test: {
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // Real servers and databases per file: two at a time fits two cores.
      maxWorkers: 2,
      reporters: reportDir
        ? ['default', ['json', { outputFile: join(reportDir, `${packageName}-${database}-${Date.now()}.json`) }]]
        : ['default'],
    },
  });
}
