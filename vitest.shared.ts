import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const REPO_ROOT = dirname(fileURLToPath(import.meta.url));

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
      // With --coverage: the processes the tests spawn are measured too (see the script).
      globalSetup: [join(REPO_ROOT, 'scripts/spawned-coverage.mjs')],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // Real servers and databases per file: two at a time fits two cores.
      maxWorkers: 2,
      reporters: reportDir ? ['default', ['json', { outputFile: join(reportDir, `${packageName}-${database}-${Date.now()}.json`) }]] : ['default'],
    },
  });
}

/** The packages held to coverage floors (scripts/coverage-summary.mjs), as paths from the repository root. */
export const COVERED_PACKAGES = ['packages/api', 'packages/db', 'packages/client', 'packages/runner', 'apps/cli'] as const;

/**
 * Coverage for a package's `test` script (`vitest run --coverage`). Every
 * covered package's sources count, whichever package's tests run them: the
 * API's tests run the database queries, the server's and runner's tests run
 * the client. Each run writes coverage/coverage-final.json (the PostgreSQL
 * rerun coverage-postgres/); after the runs `scripts/coverage-summary.mjs`
 * merges them, prints each package's totals and fails below its floor. Files
 * no test loads count as uncovered.
 */
export function coverageConfig() {
  return {
    provider: 'v8' as const,
    allowExternal: true,
    // `src/**` finds the package's own files no test loads (counted as uncovered); the absolute
    // patterns take in the other covered packages' files this run's tests load.
    include: ['src/**/*.ts', ...COVERED_PACKAGES.map((dir) => join(REPO_ROOT, dir, 'src/**/*.ts'))],
    exclude: ['**/node_modules/**', '**/*.test.ts', '**/__tests__/**', '**/testing/**', '**/*.d.ts'],
    reporter: ['json'],
    // The PostgreSQL rerun (DATABASE_URL set) reaches the PostgreSQL-only code: kept beside, merged too.
    reportsDirectory: process.env.DATABASE_URL ? 'coverage-postgres' : 'coverage',
    // A failed test fails the run anyway; the coverage it did gather still goes into the merge.
    reportOnFailure: true,
  };
}
