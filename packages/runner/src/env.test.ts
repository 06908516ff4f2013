import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { defaultApiUrl, hasTokenInEnv, inheritedEnv, parseRunnerEnv, tokenFilePath } from './env.js';

const base = { MAESTRO_TOKEN: 'a-token-of-at-least-16-chars', HOME: '/tmp' };

test('without MAESTRO_API_URL the runner follows PORT and HOST, as the server does', () => {
  expect(parseRunnerEnv({ ...base }).MAESTRO_API_URL).toBe('http://127.0.0.1:4800');
  expect(parseRunnerEnv({ ...base, PORT: '4901' }).MAESTRO_API_URL).toBe('http://127.0.0.1:4901');
  expect(parseRunnerEnv({ ...base, PORT: '4901', HOST: '0.0.0.0' }).MAESTRO_API_URL).toBe('http://127.0.0.1:4901');
  expect(parseRunnerEnv({ ...base, HOST: '::1' }).MAESTRO_API_URL).toBe('http://[::1]:4800');
  expect(defaultApiUrl(5000, 'box.local')).toBe('http://box.local:5000');
});

test('MAESTRO_API_URL wins, and a stray PORT does not break it; a bad PORT that names the server is a clear error', () => {
  expect(parseRunnerEnv({ ...base, PORT: 'nonsense', MAESTRO_API_URL: 'http://10.0.0.5:4800' }).MAESTRO_API_URL).toBe('http://10.0.0.5:4800');
  expect(() => parseRunnerEnv({ ...base, PORT: 'nonsense' })).toThrow(/PORT: must be a port number/);
});

test("the token is MAESTRO_TOKEN, or else the local server's token file; without either, an error that says both", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-env-'));
  const local = { HOME: '/tmp', MAESTRO_DATA_DIR: dataDir };
  expect(hasTokenInEnv(local)).toBe(false);
  expect(hasTokenInEnv(base)).toBe(true);
  expect(tokenFilePath(local)).toBe(join(dataDir, 'token'));
  expect(tokenFilePath({})).toBe(join(homedir(), '.maestro', 'data', 'token'));
  // Unless told otherwise, both read the runner's own environment.
  expect(tokenFilePath()).toBe(tokenFilePath(inheritedEnv()));
  expect(hasTokenInEnv()).toBe(hasTokenInEnv(inheritedEnv()));
  expect(() => parseRunnerEnv(local)).toThrow(
    `No token: set MAESTRO_TOKEN, or run the runner where the server's data directory (${dataDir}) holds its token file.`,
  );
  writeFileSync(join(dataDir, 'token'), 'mst_from_the_file\n');
  expect(parseRunnerEnv(local).token).toBe('mst_from_the_file');
  expect(parseRunnerEnv({ ...local, MAESTRO_TOKEN: 'mst_from_the_environment' }).token).toBe('mst_from_the_environment');
});

test('an invalid setting is refused with its name and what is wrong', () => {
  expect(() => parseRunnerEnv({ ...base, LOG_LEVEL: 'loud', MAESTRO_ATTENTION_IDLE_MS: '5' })).toThrow(
    /^Invalid runner configuration:\n {2}MAESTRO_ATTENTION_IDLE_MS: .+\n {2}LOG_LEVEL: /,
  );
});
