import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerEnv } from '../env.js';
import type { Logger } from '../logger.js';
import { createWebApp, webBuildExists, type WebApp } from './next-app.js';

/** apps/web, seen from the bundle (apps/server/dist) or the sources (apps/server/src/web). */
function defaultWebDir(): string {
  const candidates = ['../../web', '../../../web'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'next.config.ts'))) ?? candidates[0]!;
}

/** The dashboard to mount, or why there is none (printed at start-up). */
export async function loadDashboard(env: ServerEnv, logger: Logger): Promise<{ app: WebApp | null; reason: string }> {
  if (env.MAESTRO_WEB === 'off') return { app: null, reason: 'off (MAESTRO_WEB=off)' };
  const dir = env.MAESTRO_WEB_DIR ?? defaultWebDir();
  const dev = env.MAESTRO_WEB === 'dev';
  if (!dev && !webBuildExists(dir, env.MAESTRO_WEB_DIST_DIR)) {
    return { app: null, reason: `not built (run \`npm run build\`, or MAESTRO_WEB=dev for development) in ${dir}` };
  }
  logger.debug({ dir, dev }, 'loading dashboard');
  return { app: await createWebApp({ dir, dev, hostname: env.HOST, port: env.PORT }), reason: '' };
}
