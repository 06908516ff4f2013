import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against real Maestro servers (each started by the harness on a
 * temp data directory with the production dashboard build) in Debian's Chromium.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.e2e.ts',
  // Two cores: one browser at a time keeps server start-up and rendering from starving each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  // Traces and failure screenshots: in CI's report folder when set (CI keeps it), beside the screenshots.
  outputDir: process.env.MAESTRO_TEST_REPORT_DIR ? `${process.env.MAESTRO_TEST_REPORT_DIR}/playwright` : './test-results',
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
