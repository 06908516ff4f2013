import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_API_CONFIG, DEFAULT_RATE_LIMITS } from '@maestro/api';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4800),
  /** Loopback unless told otherwise: this server can start processes. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Host names (comma-separated) browsers may use to reach this server besides loopback and the bound address. */
  MAESTRO_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((h) => h.trim()).filter(Boolean)),
  MAESTRO_DATA_DIR: z.string().min(1).default(join(homedir(), '.maestro', 'data')),
  MAESTRO_TOKEN: z.string().min(16, 'must be at least 16 characters').optional().or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** A runner silent this long loses its live sessions (marked `lost`). */
  MAESTRO_RUNNER_LEASE_MS: z.coerce.number().int().min(1_000).default(30_000),
  /**
   * The dashboard: `auto` serves the production build when one exists, `dev` runs
   * Next in development mode (hot reload), `off` serves only the API.
   */
  MAESTRO_WEB: z.enum(['auto', 'dev', 'off']).default('auto'),
  /** Where the dashboard (apps/web) lives; found next to the server by default. */
  MAESTRO_WEB_DIR: z.string().min(1).optional(),
  /** The dashboard build's folder inside MAESTRO_WEB_DIR (Next's distDir; apps/web/next.config.ts reads it too). */
  MAESTRO_WEB_DIST_DIR: z.string().min(1).default('.next'),
  /** Per-token limits (0 turns one off); `runner.*` calls are exempt. Exceeding one answers RATE_LIMITED with when to retry. */
  MAESTRO_RATE_LIMIT_MUTATIONS_PER_S: z.coerce.number().min(0).default(DEFAULT_RATE_LIMITS.mutationsPerSecond),
  MAESTRO_RATE_LIMIT_MUTATION_BURST: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.mutationBurst),
  MAESTRO_RATE_LIMIT_SPAWNS_PER_MIN: z.coerce.number().min(0).default(DEFAULT_RATE_LIMITS.spawnsPerMinute),
  MAESTRO_RATE_LIMIT_SPAWN_BURST: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.spawnBurst),
  /** Live sessions one runner takes at most. */
  MAESTRO_RUNNER_MAX_SESSIONS: z.coerce.number().int().min(1).default(DEFAULT_API_CONFIG.maxSessionsPerRunner),
  /** How long shutdown waits for in-flight requests before closing anyway. */
  MAESTRO_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
});

export type ServerEnv = z.infer<typeof envSchema>;

/** The only place the server reads `process.env`. Exits with a readable message on bad values. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
