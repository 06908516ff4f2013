import { readFileSync } from 'node:fs';
import { DEFAULT_API_URL } from '@maestro/schemas/defaults';
import type { z } from 'zod';
import { readConfig, configValues, type ConfigFile } from './config.js';
import type { CliEnv } from './env.js';
import { CliError } from './errors.js';

export const DEFAULTS = {
  apiUrl: DEFAULT_API_URL,
  retries: 3,
  retryDelay: 200,
} as const;

/** The global flags every command accepts (see args.ts). */
export interface GlobalFlags {
  json?: boolean | undefined;
  server?: string | undefined;
  project?: string | undefined;
  token?: string | undefined;
}

export type Source = 'flag' | 'env' | 'config' | 'default' | 'server token file' | 'none';

export interface Settings {
  apiUrl: string;
  token: string;
  tokenSource: Source;
  /** null when no flag, environment variable or config value names one. */
  project: string | null;
  projectSource: Source;
  retries: number;
  retryDelay: number;
  json: boolean;
  debug: boolean;
  configPath: string;
}

function pick<T>(...candidates: [T | undefined, Source][]): [T, Source] | undefined {
  for (const [value, source] of candidates) if (value !== undefined && value !== '') return [value, source];
  return undefined;
}

function validated<K extends 'apiUrl' | 'retries' | 'retryDelay'>(key: K, value: unknown, source: Source, name: string): z.output<(typeof configValues)[K]> {
  const parsed = configValues[key].safeParse(value);
  if (!parsed.success) {
    throw new CliError('VALIDATION', `Invalid ${name} from ${source}: ${parsed.error.issues[0]?.message ?? 'invalid'} (got "${String(value)}")`, {
      hint: key === 'apiUrl' ? `Use a URL like ${DEFAULTS.apiUrl}.` : 'Use a whole number (retries 0-10, delay in ms 0-60000).',
    });
  }
  return parsed.data as z.output<(typeof configValues)[K]>;
}

function readServerTokenFile(path: string): string | undefined {
  try {
    const token = readFileSync(path, 'utf8').trim();
    return token || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Effective settings, each by flag > environment > config file > default.
 * The token falls back to the local server's token file so a user on the
 * server's machine needs no setup.
 */
export function resolveSettings(flags: GlobalFlags, env: CliEnv, config: ConfigFile = readConfig(env.configPath)): Settings {
  const [rawUrl, urlSource] = pick<string>([flags.server, 'flag'], [env.apiUrl, 'env'], [config.apiUrl, 'config']) ?? [DEFAULTS.apiUrl, 'default'];
  const apiUrl = validated('apiUrl', rawUrl, urlSource, urlSource === 'flag' ? '--server' : 'server URL').replace(/\/+$/, '');
  const [token, tokenSource] = pick<string>(
    [flags.token, 'flag'],
    [env.token, 'env'],
    [config.token, 'config'],
    [readServerTokenFile(env.serverTokenPath), 'server token file'],
  ) ?? ['', 'none'];
  const [project, projectSource] = pick<string>([flags.project, 'flag'], [env.projectId, 'env'], [config.project, 'config']) ?? [null, 'none'];
  const [rawRetries, retriesSource] = pick<string | number>([env.retries, 'env'], [config.retries, 'config']) ?? [DEFAULTS.retries, 'default'];
  const [rawDelay, delaySource] = pick<string | number>([env.retryDelay, 'env'], [config.retryDelay, 'config']) ?? [DEFAULTS.retryDelay, 'default'];
  return {
    apiUrl,
    token,
    tokenSource,
    project,
    projectSource,
    retries: validated('retries', rawRetries, retriesSource, 'MAESTRO_RETRIES/retries'),
    retryDelay: validated('retryDelay', rawDelay, delaySource, 'MAESTRO_RETRY_DELAY/retryDelay'),
    json: flags.json ?? config.output === 'json',
    debug: env.debug,
    configPath: env.configPath,
  };
}

export function describeTokenSource(settings: Pick<Settings, 'tokenSource'>, env: CliEnv): string {
  switch (settings.tokenSource) {
    case 'flag':
      return 'from --token';
    case 'env':
      return 'from MAESTRO_TOKEN';
    case 'config':
      return `from ${env.configPath}`;
    case 'server token file':
      return `from ${env.serverTokenPath}`;
    default:
      return `none found: no --token, MAESTRO_TOKEN, config token or ${env.serverTokenPath}`;
  }
}
