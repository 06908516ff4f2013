import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The built `maestro` CLI bundle of this installation, or null when it has not been built. */
export function findCliBundle(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkgPath = require.resolve('@maestro/cli/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin?: Record<string, string> };
    const bin = pkg.bin?.maestro;
    const file = bin ? join(dirname(pkgPath), bin) : null;
    return file && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * A directory holding a `maestro` executable that runs this installation's CLI
 * with this Node, put first on a spawned agent's PATH so `maestro` resolves
 * to the CLI that matches the server.
 */
export function writeCliShim(dir: string, cliBundle: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'maestro');
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${cliBundle}" "$@"\n`);
  chmodSync(file, 0o755);
  return dir;
}
