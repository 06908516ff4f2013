import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { agentKeyName, parseAgentCommand, parseConfigValue, readConfig, updateConfig, writeConfig } from './config.js';
import { readEnv } from './env.js';
import { CliError } from './errors.js';
import { DEFAULTS, resolveSettings } from './settings.js';

function home(): string {
  return mkdtempSync(join(tmpdir(), 'maestro-settings-'));
}

describe('precedence: flag > environment > config file > default', () => {
  const config = { apiUrl: 'http://config:1', token: 'config-token', project: 'prj_cccccccccc', retries: 7, retryDelay: 70 };

  test('defaults when nothing is set', () => {
    const env = readEnv({ HOME: home() });
    const s = resolveSettings({}, env, {});
    expect(s).toMatchObject({ apiUrl: DEFAULTS.apiUrl, retries: DEFAULTS.retries, retryDelay: DEFAULTS.retryDelay, project: null, json: false });
    expect(s.tokenSource).toBe('none');
  });

  test('the config file beats defaults', () => {
    const s = resolveSettings({}, readEnv({ HOME: home() }), config);
    expect(s).toMatchObject({ apiUrl: 'http://config:1', token: 'config-token', project: 'prj_cccccccccc', retries: 7, retryDelay: 70 });
    expect(s.tokenSource).toBe('config');
  });

  test('the environment beats the config file', () => {
    const env = readEnv({
      HOME: home(),
      MAESTRO_API_URL: 'http://env:2',
      MAESTRO_TOKEN: 'env-token',
      MAESTRO_PROJECT_ID: 'prj_eeeeeeeeee',
      MAESTRO_RETRIES: '1',
      MAESTRO_RETRY_DELAY: '10',
    });
    const s = resolveSettings({}, env, config);
    expect(s).toMatchObject({ apiUrl: 'http://env:2', token: 'env-token', project: 'prj_eeeeeeeeee', retries: 1, retryDelay: 10 });
    expect(s.projectSource).toBe('env');
  });

  test('flags beat the environment', () => {
    const env = readEnv({ HOME: home(), MAESTRO_API_URL: 'http://env:2', MAESTRO_TOKEN: 'env-token', MAESTRO_PROJECT_ID: 'prj_eeeeeeeeee' });
    const s = resolveSettings({ server: 'http://flag:3/', token: 'flag-token', project: 'prj_ffffffffff', json: true }, env, config);
    expect(s).toMatchObject({ apiUrl: 'http://flag:3', token: 'flag-token', project: 'prj_ffffffffff', json: true });
    expect(s.tokenSource).toBe('flag');
  });

  test('with no token anywhere, the local server’s token file is used', () => {
    const dataDir = join(home(), 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'token'), 'server-file-token\n');
    const s = resolveSettings({}, readEnv({ HOME: home(), MAESTRO_DATA_DIR: dataDir }), {});
    expect(s).toMatchObject({ token: 'server-file-token', tokenSource: 'server token file' });
  });

  test('`output: json` in the config makes --json the default; --no-json wins', () => {
    const env = readEnv({ HOME: home() });
    expect(resolveSettings({}, env, { output: 'json' }).json).toBe(true);
    expect(resolveSettings({ json: false }, env, { output: 'json' }).json).toBe(false);
  });

  test('a bad value says where it came from', () => {
    const env = readEnv({ HOME: home(), MAESTRO_RETRIES: 'lots' });
    expect(() => resolveSettings({}, env, {})).toThrow(CliError);
    expect(() => resolveSettings({ server: 'ftp://x' }, readEnv({ HOME: home() }), {})).toThrow(/--server/);
  });
});

describe('config file', () => {
  test('lives at $HOME/.maestro/config.json unless MAESTRO_CONFIG says otherwise', () => {
    const h = home();
    expect(readEnv({ HOME: h }).configPath).toBe(join(h, '.maestro', 'config.json'));
    expect(readEnv({ HOME: h, MAESTRO_CONFIG: '/elsewhere/c.json' }).configPath).toBe('/elsewhere/c.json');
  });

  test('is created with mode 0600 in a 0700 directory, and keeps mode 0600 on rewrite', () => {
    const path = join(home(), '.maestro', 'config.json');
    writeConfig(path, { token: 'secret-token' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    updateConfig(path, (c) => ({ ...c, retries: 2 }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ token: 'secret-token', retries: 2 });
  });

  test('a missing file is an empty config; a broken one is an error naming the file', () => {
    const path = join(home(), 'config.json');
    expect(readConfig(path)).toEqual({});
    writeFileSync(path, '{ not json');
    expect(() => readConfig(path)).toThrow(new RegExp(path));
    writeFileSync(path, JSON.stringify({ retries: -1 }));
    expect(() => readConfig(path)).toThrow(/retries/);
  });

  test('values are validated per key', () => {
    expect(parseConfigValue('retries', '4')).toEqual({ key: 'retries', value: 4 });
    expect(agentKeyName('agents.aider.command')).toBe('aider');
    expect(agentKeyName('agents.Aider.command')).toBeNull();
    expect(agentKeyName('agents.aider')).toBeNull();
    expect(parseAgentCommand('aider', '  aider --yes ')).toBe('aider --yes');
    expect(() => parseAgentCommand('aider', '   ')).toThrow(/agents.aider.command: must not be empty/);
    expect(parseConfigValue('output', 'json')).toEqual({ key: 'output', value: 'json' });
    expect(() => parseConfigValue('output', 'yaml')).toThrow(/one of: human, json/);
    expect(() => parseConfigValue('apiUrl', 'not a url')).toThrow(CliError);
    expect(() => parseConfigValue('colour', 'red')).toThrow(
      expect.objectContaining({ message: 'Unknown config key "colour"', hint: expect.stringContaining('Known keys') }),
    );
  });
});
