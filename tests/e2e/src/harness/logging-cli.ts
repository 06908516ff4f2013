import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtCli } from './cli.js';

/** Test-only settings. */
const testEnv = {
  /** An executable to use as `maestro` instead of the built apps/cli. */
  cliBin: process.env.MAESTRO_CLI_BIN,
};

/** The `maestro` the scripted agents run: MAESTRO_CLI_BIN when set, else the built apps/cli (undefined while it is not built). */
export function findCliBin(): string | undefined {
  if (testEnv.cliBin) return resolve(testEnv.cliBin);
  try {
    return builtCli();
  } catch {
    return undefined;
  }
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
