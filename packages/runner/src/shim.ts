import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The CLI entry point the runner was given, as an absolute path; undefined when none was.
 * A path that names no file stops the runner: agents would fail on `maestro` much later.
 */
export function cliEntryPoint(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const file = resolve(path);
  if (!existsSync(file))
    throw new Error(`MAESTRO_CLI_PATH names no file: ${file} (build the CLI with \`npm run build -w @maestro/cli\`, or point it at apps/cli/bin/maestro.cjs)`);
  return file;
}

/**
 * A directory holding a `maestro` executable that runs this installation's CLI
 * with this Node (the `maestro` entry point the runner was given), put first on a spawned agent's PATH so `maestro` resolves
 * to the CLI that matches the server.
 */
export function writeCliShim(dir: string, cliBundle: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'maestro');
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${cliBundle}" "$@"\n`);
  chmodSync(file, 0o755);
  return dir;
}
