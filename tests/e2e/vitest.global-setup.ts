import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Builds the CLI from the current sources so the tests never run a stale binary, and, in a run with
 * --coverage, as the measured build (unminified, with a source map) so the binaries the tests spawn
 * count (scripts/spawned-coverage.mjs runs first and sets MAESTRO_SPAWNED_COVERAGE_DIR).
 */
export default function setup(): void {
  const cliDir = dirname(createRequire(import.meta.url).resolve('@maestro/cli/package.json'));
  execFileSync(process.execPath, [join(cliDir, 'build.mjs')], { stdio: 'inherit' });
}
