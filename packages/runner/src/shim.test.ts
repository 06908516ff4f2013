import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { cliEntryPoint, writeCliShim } from './shim.js';

test('a runner given no CLI entry point has none; one given a path gets it absolute', () => {
  expect(cliEntryPoint(undefined)).toBeUndefined();
  expect(cliEntryPoint('')).toBeUndefined();
  const file = join(mkdtempSync(join(tmpdir(), 'maestro-shim-')), 'maestro.cjs');
  writeFileSync(file, '');
  expect(cliEntryPoint(relative(process.cwd(), file))).toBe(file);
});

test('a CLI entry point that names no file is refused with the variable to fix', () => {
  expect(() => cliEntryPoint('/nonexistent/maestro.cjs')).toThrow(/MAESTRO_CLI_PATH names no file: \/nonexistent\/maestro\.cjs/);
});

test('the shim runs the given entry point with this Node', () => {
  const dir = writeCliShim(join(mkdtempSync(join(tmpdir(), 'maestro-shim-')), 'bin'), '/opt/maestro/bin/maestro.cjs');
  const shim = join(dir, 'maestro');
  expect(readFileSync(shim, 'utf8')).toBe(`#!/bin/sh\nexec "${process.execPath}" "/opt/maestro/bin/maestro.cjs" "$@"\n`);
  expect(statSync(shim).mode & 0o111).not.toBe(0);
});
