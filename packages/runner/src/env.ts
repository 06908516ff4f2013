import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  MAESTRO_API_URL: z.url().default('http://127.0.0.1:4800'),
  MAESTRO_TOKEN: z.string().optional(),
  /** Where a local server keeps its token; read when MAESTRO_TOKEN is unset. */
  MAESTRO_DATA_DIR: z.string().default(join(homedir(), '.maestro', 'data')),
  MAESTRO_RUNNER_NAME: z.string().min(1).max(100).default(hostname()),
  /** Prompt files, output spill and worktrees. */
  MAESTRO_RUNNER_DIR: z.string().default(join(homedir(), '.maestro', 'runner')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RunnerEnv = z.infer<typeof schema> & { token: string };

/** The only place the runner reads `process.env` (besides passing it on to agents). */
export function parseRunnerEnv(source: NodeJS.ProcessEnv = process.env): RunnerEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid runner configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const env = parsed.data;
  let token = env.MAESTRO_TOKEN;
  if (!token) {
    try {
      token = readFileSync(join(env.MAESTRO_DATA_DIR, 'token'), 'utf8').trim();
    } catch {
      throw new Error(`No token: set MAESTRO_TOKEN, or run the runner where the server's data directory (${env.MAESTRO_DATA_DIR}) holds its token file.`);
    }
  }
  return { ...env, token };
}
