import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HOST, DEFAULT_PORT, LOG_LEVELS } from '@maestro/schemas';
import { z } from 'zod';
import { DEFAULT_RETENTION_DAYS } from './session-dirs.js';

const schema = z.object({
  /** Unset: the local server, at the PORT and HOST it reads too (see defaultApiUrl). */
  MAESTRO_API_URL: z.url().optional(),
  PORT: z.string().optional(),
  HOST: z.string().optional(),
  MAESTRO_TOKEN: z.string().optional(),
  /** Where a local server keeps its token; read when MAESTRO_TOKEN is unset. */
  MAESTRO_DATA_DIR: z.string().default(join(homedir(), '.maestro', 'data')),
  MAESTRO_RUNNER_NAME: z.string().min(1).max(100).default(hostname()),
  /** Prompt files, output spill and worktrees. */
  MAESTRO_RUNNER_DIR: z.string().default(join(homedir(), '.maestro', 'runner')),
  /** Ended sessions' directories under MAESTRO_RUNNER_DIR/sessions older than this many days are removed; 0 keeps them. */
  MAESTRO_RUNNER_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(DEFAULT_RETENTION_DAYS),
  /** A session whose terminal is silent this long becomes `idle` (source heuristic). */
  MAESTRO_ATTENTION_IDLE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(10_000),
  /**
   * The `maestro` CLI entry point (apps/cli `bin/maestro.cjs`) agents get on their PATH. Whoever starts
   * the runner knows where its CLI is and sets it (`npm start`, the runner image); `maestro runner` passes its own.
   */
  MAESTRO_CLI_PATH: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type RunnerEnv = Omit<z.infer<typeof schema>, 'MAESTRO_API_URL' | 'PORT' | 'HOST'> & { MAESTRO_API_URL: string; token: string };

/** Where a server started with the same PORT and HOST listens; a wildcard bind is reached on loopback. */
export function defaultApiUrl(port: number, host: string): string {
  const connect = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${connect.includes(':') ? `[${connect}]` : connect}:${port}`;
}

/** The token file a local server writes into its data directory (when MAESTRO_TOKEN is unset). */
export function tokenFilePath(source: NodeJS.ProcessEnv = process.env): string {
  return join(source.MAESTRO_DATA_DIR || join(homedir(), '.maestro', 'data'), 'token');
}

/** Whether MAESTRO_TOKEN is set: without it the runner waits for a local server's token file. */
export function hasTokenInEnv(source: NodeJS.ProcessEnv = process.env): boolean {
  return !!source.MAESTRO_TOKEN;
}

/** The environment agents inherit: the runner's own, handed on unparsed. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return process.env;
}

/** The only place the runner reads `process.env`. */
export function parseRunnerEnv(source: NodeJS.ProcessEnv = process.env): RunnerEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid runner configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const { PORT, HOST, ...env } = parsed.data;
  // PORT and HOST matter only when they name the server: a stray PORT never breaks an explicit URL.
  let apiUrl = env.MAESTRO_API_URL;
  if (!apiUrl) {
    const port = z.coerce
      .number()
      .int()
      .min(1)
      .max(65_535)
      .safeParse(PORT || String(DEFAULT_PORT));
    if (!port.success) throw new Error(`Invalid runner configuration:\n  PORT: must be a port number (1-65535), got ${JSON.stringify(PORT)}`);
    apiUrl = defaultApiUrl(port.data, HOST || DEFAULT_HOST);
  }
  let token = env.MAESTRO_TOKEN;
  if (!token) {
    try {
      token = readFileSync(join(env.MAESTRO_DATA_DIR, 'token'), 'utf8').trim();
    } catch {
      throw new Error(`No token: set MAESTRO_TOKEN, or run the runner where the server's data directory (${env.MAESTRO_DATA_DIR}) holds its token file.`);
    }
  }
  return { ...env, MAESTRO_API_URL: apiUrl, token };
}
