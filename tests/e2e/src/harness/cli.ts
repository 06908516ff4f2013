import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const cliPackage = require.resolve('@maestro/cli/package.json');
const { bin } = require(cliPackage) as { bin: { maestro: string } };

/** The built `maestro` executable (apps/cli `bin.maestro`); `turbo run test` builds it first. */
export const CLI_BIN = join(dirname(cliPackage), bin.maestro);

/** The CLI entry point, refusing to go on while the CLI is not built (its bin runs dist/). */
export function builtCli(): string {
  if (!existsSync(join(dirname(cliPackage), 'dist')))
    throw new Error('the maestro CLI is not built: run `npm run build -w @maestro/cli` (turbo does it before these tests)');
  return CLI_BIN;
}
