import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_API_CONFIG, DEFAULT_RATE_LIMITS } from '@maestro/api';
import { DEFAULT_HOST, DEFAULT_PORT, LOG_LEVELS } from '@maestro/schemas';
import { z } from 'zod';

const ENVIRONMENTS = ['development', 'staging', 'production'] as const;

const envSchema = z.object({
  /**
   * development: pretty logs on a terminal, the dashboard may run in dev mode.
   * staging and production: JSON logs only, no dev dashboard. Everywhere, a
   * bind beyond loopback needs a strong explicit MAESTRO_TOKEN (exposure.ts).
   */
  MAESTRO_ENV: z.enum(ENVIRONMENTS).default('development'),
  /** A module that receives errors (Sentry or similar); off when unset. See error-reporting.ts. */
  MAESTRO_ERROR_REPORTER: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PORT: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_PORT),
  /** Loopback unless told otherwise: this server can start processes. */
  HOST: z.string().min(1).default(DEFAULT_HOST),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Host names (comma-separated) browsers may use to reach this server besides loopback and the bound address. */
  MAESTRO_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  MAESTRO_DATA_DIR: z
    .string()
    .min(1)
    .default(join(homedir(), '.maestro', 'data')),
  MAESTRO_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
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

const checkedSchema = envSchema.superRefine((env, ctx) => {
  if (env.MAESTRO_ENV !== 'development' && env.MAESTRO_WEB === 'dev') {
    ctx.addIssue({
      code: 'custom',
      path: ['MAESTRO_WEB'],
      message: `'dev' (hot reload) is for MAESTRO_ENV=development, not ${env.MAESTRO_ENV}; use 'auto' or 'off'`,
    });
  }
});

export type ServerEnv = z.infer<typeof envSchema>;

/** The only place the server reads `process.env`. Throws one line per bad value, naming the variable and what it got. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = checkedSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join('.');
      const got = source[name];
      // Never echo a secret back.
      const shown = got === undefined ? 'unset' : name === 'MAESTRO_TOKEN' || name === 'DATABASE_URL' ? 'got a value' : `got ${JSON.stringify(got)}`;
      return `  ${name}: ${i.message} (${shown})`;
    });
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
