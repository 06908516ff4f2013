import { fileURLToPath } from 'node:url';
import { sharedTestConfig } from '../../vitest.shared.js';

/**
 * Deployment tests (`npm run test:deploy`): the production install as the
 * image's last stage makes it, backups and restore, the deploy scripts and
 * docs/deployment.md's commands. Needs the server, runner, CLI and dashboard built.
 */
const config = sharedTestConfig('deploy');
export default {
  ...config,
  // Run from the repository root: without a root of its own it would collect every test in the repo.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { ...config.test, include: ['src/**/*.test.ts'], maxWorkers: 1, testTimeout: 300_000, hookTimeout: 600_000 },
};
