import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findBuiltinSkillsDir } from '../options.js';

/** Test-only settings; the one place this package reads the environment. */
const testEnv = {
  /** An executable to use as `maestro` instead of the built apps/cli. */
  cliBin: process.env.MAESTRO_CLI_BIN,
};

export const REPO_ROOT = dirname(findBuiltinSkillsDir()!);

/** The built CLI's entry (apps/cli package.json `bin.maestro`), or undefined while it is not built. */
export function findCliBin(): string | undefined {
  if (testEnv.cliBin) return resolve(testEnv.cliBin);
  const pkgFile = join(REPO_ROOT, 'apps', 'cli', 'package.json');
  if (!existsSync(pkgFile)) return undefined;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.maestro;
  const file = bin ? join(dirname(pkgFile), bin) : undefined;
  return file && existsSync(file) ? file : undefined;
}

/**
 * A directory to put first on PATH holding a `maestro` that appends each
 * invocation (one JSON array of arguments per line) to `log`, then runs `bin`.
 */
export function loggingCliDir(bin: string, log: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-bin-'));
  const run = /\.[cm]?js$/.test(bin) ? `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"` : `exec ${JSON.stringify(bin)} "$@"`;
  const script = [
    '#!/usr/bin/env bash',
    `${JSON.stringify(process.execPath)} -e 'process.stdout.write(JSON.stringify(process.argv.slice(1)) + "\\n")' -- "$@" >>${JSON.stringify(log)}`,
    run,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'maestro'), script);
  chmodSync(join(dir, 'maestro'), 0o755);
  return dir;
}
