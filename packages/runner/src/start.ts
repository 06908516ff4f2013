import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import { composePrompt, type SkillSearchOptions } from '@maestro/skills';
import pino from 'pino';
import type { RunnerEnv } from './env.js';
import { createRunner, type Runner } from './runner.js';
import { findCliBundle, writeCliShim } from './shim.js';

/** Wires a runner from its environment: client, logger, prompt composer, `maestro` on the agents' PATH. */
export async function startRunner(env: RunnerEnv, baseEnv: NodeJS.ProcessEnv, opts: { cliBundle?: string; skills?: Pick<SkillSearchOptions, 'builtinDir' | 'homeDir'> } = {}): Promise<Runner> {
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'maestro-runner' } });
  const cli = opts.cliBundle ?? findCliBundle();
  if (!cli) logger.warn({}, 'maestro CLI bundle not found (run `npm run build`): agents will not find `maestro` on PATH');
  const runner = createRunner({
    client: createNodeClient({ url: env.MAESTRO_API_URL, token: env.token }),
    apiUrl: env.MAESTRO_API_URL,
    name: env.MAESTRO_RUNNER_NAME,
    dataDir: env.MAESTRO_RUNNER_DIR,
    binDir: cli ? writeCliShim(join(env.MAESTRO_RUNNER_DIR, 'bin'), cli) : null,
    baseEnv,
    composePrompt: async (claim) => {
      const composed = await composePrompt({ role: claim.session.role, project: claim.project, tasks: claim.tasks, session: claim.session }, opts.skills);
      for (const problem of composed.problems) logger.warn({ sessionId: claim.session.id, problem }, 'skill problem: using the next valid copy');
      return composed.text;
    },
    logger: {
      info: (o, m) => logger.info(o, m),
      warn: (o, m) => logger.warn(o, m),
      error: (o, m) => logger.error(o, m),
    },
  });
  await runner.start();
  return runner;
}
