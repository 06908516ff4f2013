import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const SERVER_MAIN = fileURLToPath(new URL('../../../server/src/main.ts', import.meta.url));
export const RUNNER_MAIN = fileURLToPath(new URL('../../../../packages/runner/src/main.ts', import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL('../../../cli/src/main.ts', import.meta.url));
/** Where screenshots go: the CI report folder when set (CI keeps it), else apps/web/e2e-screenshots. */
export const SCREENSHOT_DIR = process.env.MAESTRO_TEST_REPORT_DIR
  ? `${process.env.MAESTRO_TEST_REPORT_DIR}/screenshots`
  : fileURLToPath(new URL('../../e2e-screenshots', import.meta.url));
