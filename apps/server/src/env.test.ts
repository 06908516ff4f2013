import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { parseEnv } from './env.js';
import { loadErrorReporter } from './error-reporting.js';
import { createLogger } from './logger.js';

test('one line per bad value, naming the variable and what it got (secrets not echoed)', () => {
  let message = '';
  try {
    parseEnv({ MAESTRO_ENV: 'prod', PORT: 'eighty', MAESTRO_TOKEN: 'short', DATABASE_URL: 'mysql://x' });
  } catch (error) {
    message = (error as Error).message;
  }
  const lines = message.split('\n').slice(1);
  expect(lines).toHaveLength(4);
  expect(message).toMatch(/MAESTRO_ENV: .*development.*staging.*production.* \(got "prod"\)/);
  expect(message).toMatch(/PORT: .* \(got "eighty"\)/);
  expect(message).toMatch(/MAESTRO_TOKEN: must be at least 16 characters \(got a value\)/);
  expect(message).not.toContain('short');
  expect(message).not.toContain('mysql');
});

test('staging and production refuse the dev dashboard; development allows it', () => {
  expect(() => parseEnv({ MAESTRO_ENV: 'production', MAESTRO_WEB: 'dev' })).toThrow(/MAESTRO_WEB: 'dev' \(hot reload\) is for MAESTRO_ENV=development/);
  expect(() => parseEnv({ MAESTRO_ENV: 'staging', MAESTRO_WEB: 'dev' })).toThrow(/MAESTRO_WEB/);
  expect(parseEnv({ MAESTRO_WEB: 'dev' }).MAESTRO_ENV).toBe('development');
});

test('the error reporter gets error lines with their context; off by default', async () => {
  expect(await loadErrorReporter(undefined)).toBeNull();
  const dir = mkdtempSync(join(tmpdir(), 'maestro-reporter-'));
  const file = join(dir, 'reporter.mjs');
  writeFileSync(file, 'export const seen = []; export function report(error, context) { seen.push([error.message, context]); }\n');
  const reporter = await loadErrorReporter(file);
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
  const logger = createLogger('info', sink, { reportError: reporter });
  logger.error({ err: new Error('boom'), requestId: 'r1', sessionId: 'ses_1' }, 'procedure failed');
  logger.warn({ err: new Error('not reported') }, 'a warning');
  const { seen } = (await import(file)) as { seen: unknown[] };
  expect(seen).toEqual([['boom', { requestId: 'r1', sessionId: 'ses_1', msg: 'procedure failed' }]]);
  expect(lines).toHaveLength(2);
  await expect(loadErrorReporter(join(dir, 'missing.mjs'))).rejects.toThrow(/MAESTRO_ERROR_REPORTER: cannot load/);
});
