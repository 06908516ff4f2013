import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { projectId } from '@maestro/schemas/ids';
import { z } from 'zod';
import { CliError } from './errors.js';

export const OUTPUT_MODES = ['human', 'json'] as const;

/** Keys of ~/.maestro/config.json and what each accepts. */
export const configValues = {
  apiUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  token: z.string().trim().min(1, 'must not be empty'),
  project: projectId,
  retries: z.coerce.number().int().min(0).max(10),
  retryDelay: z.coerce.number().int().min(0).max(60_000),
  output: z.enum(OUTPUT_MODES),
};
export type ConfigKey = keyof typeof configValues;
export const CONFIG_KEYS = Object.keys(configValues) as ConfigKey[];
/** Every key `maestro config` accepts, in words (for help and hints). */
export const CONFIG_KEYS_TEXT = `${CONFIG_KEYS.join(', ')}, agents.<name>.command`;

/** `agents.<name>.command`: a named custom agent, used as `maestro session spawn --agent <name>`. */
export const AGENT_KEY = /^agents\.([a-z0-9][a-z0-9-]{0,31})\.command$/;
const agentCommand = z.string().trim().min(1, 'must not be empty').max(4096);
const agentsConfig = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/), z.object({ command: agentCommand }));

export const configFile = z.object({ ...configValues, agents: agentsConfig }).partial();
export type ConfigFile = z.infer<typeof configFile>;

export function isConfigKey(key: string): key is ConfigKey {
  return (CONFIG_KEYS as string[]).includes(key);
}

/** The agent name of an `agents.<name>.command` key, else null. */
export function agentKeyName(key: string): string | null {
  return AGENT_KEY.exec(key)?.[1] ?? null;
}

/** Validates the command line of a named agent. */
export function parseAgentCommand(name: string, raw: string): string {
  const parsed = agentCommand.safeParse(raw);
  if (!parsed.success) {
    throw new CliError('VALIDATION', `Invalid value for agents.${name}.command: ${parsed.error.issues[0]?.message ?? 'invalid'}`, {
      hint: `Example: maestro config --set agents.${name}.command="aider --yes"`,
    });
  }
  return parsed.data;
}

/** The command of a named agent from the config, or null. */
export function namedAgentCommand(config: ConfigFile, name: string): string | null {
  return config.agents?.[name]?.command ?? null;
}

function unknownKey(key: string): CliError {
  return new CliError('VALIDATION', `Unknown config key "${key}"`, {
    hint: `Known keys: ${CONFIG_KEYS_TEXT}.`,
    details: { key, allowed: CONFIG_KEYS },
  });
}

/** Parses one `key=value` for `config --set`, validating the value for its key. */
export function parseConfigValue(key: string, raw: string): { key: ConfigKey; value: ConfigFile[ConfigKey] } {
  if (!isConfigKey(key)) throw unknownKey(key);
  const parsed = configValues[key].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const allowed = issue && 'values' in issue ? ` (one of: ${(issue.values as unknown[]).join(', ')})` : '';
    throw new CliError('VALIDATION', `Invalid value for ${key}: ${issue?.message ?? 'invalid'}${allowed}`, {
      hint: `Example: maestro config --set ${key}=${EXAMPLES[key]}`,
      details: { key, issues: parsed.error.issues },
    });
  }
  return { key, value: parsed.data };
}

const EXAMPLES: Record<ConfigKey, string> = {
  apiUrl: 'http://127.0.0.1:4800',
  token: '<token>',
  project: 'prj_0123456789',
  retries: '3',
  retryDelay: '200',
  output: 'json',
};

/** Reads the config file; a missing file is an empty config, a broken one an error that says which file. */
export function readConfig(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError('VALIDATION', `Config file ${path} is not valid JSON`, { hint: 'Fix it by hand or delete it and set values again.' });
  }
  const parsed = configFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError('VALIDATION', `Config file ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(), {
      hint: `Fix it with \`maestro config --set key=value\`, or by hand. Known keys: ${CONFIG_KEYS_TEXT}.`,
      details: { path, issues: parsed.error.issues },
    });
  }
  return parsed.data;
}

/** Writes atomically (temp file + rename) with mode 0600: the file may hold a token. */
export function writeConfig(path: string, config: ConfigFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

export function updateConfig(path: string, change: (config: ConfigFile) => ConfigFile): ConfigFile {
  const next = change(readConfig(path));
  writeConfig(path, next);
  return next;
}
