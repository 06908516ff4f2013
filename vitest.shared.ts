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
      reporters: reportDir ? ['default', ['json', { outputFile: join(reportDir, `${packageName}-${database}-${Date.now()}.json`) }]] : ['default'],
    },
  });
}

/**
 * Coverage for a package's `test` script (`vitest run --coverage`): every source
 * file counts, loaded by a test or not. Thresholds are each package's floor: a
 * drop below them fails the run (and CI). They are enforced on the README's
 * `npm test` run (PGlite); the PostgreSQL rerun (DATABASE_URL set) reaches other
 * branches and only reports. Summaries land in coverage/ for `.ci/run` to print.
 */
export function coverageConfig(thresholds: { lines: number; branches: number }) {
  return {
    provider: 'v8' as const,
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.test.ts', 'src/**/__tests__/**', 'src/**/testing/**', 'src/**/*.d.ts'],
    reporter: ['text-summary', 'json-summary'],
    reportsDirectory: 'coverage',
    thresholds: process.env.DATABASE_URL ? {} : thresholds,
  };
}
