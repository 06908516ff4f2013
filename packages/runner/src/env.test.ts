import { expect, test } from 'vitest';
import { defaultApiUrl, parseRunnerEnv } from './env.js';

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
