import { join } from 'node:path';
import { createNodeClient, ensurePrivateDir } from '@maestro/client/node';
import { composePrompt, type SkillSearchOptions } from '@maestro/skills';
import pino from 'pino';
import type { RunnerEnv } from './env.js';
import { createRunner, type Runner } from './runner.js';
import { retentionMs } from './session-dirs.js';
import { cliEntryPoint, writeCliShim } from './shim.js';

/** Wires a runner from its environment: client, logger, prompt composer, `maestro` on the agents' PATH. */
export async function startRunner(
  env: RunnerEnv,
  baseEnv: NodeJS.ProcessEnv,
  opts: {
    /** The `maestro` entry point; MAESTRO_CLI_PATH when not given. */ cliBundle?: string;
    skills?: Pick<SkillSearchOptions, 'builtinDir' | 'homeDir'>;
  } = {},
): Promise<Runner> {
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'maestro-runner' } });
  // Prompt files hold task text and worktrees hold code: the owner's alone.
  const { tightenedFrom } = ensurePrivateDir(env.MAESTRO_RUNNER_DIR);
  if (tightenedFrom !== null)
    logger.warn({ dir: env.MAESTRO_RUNNER_DIR, was: tightenedFrom.toString(8), now: '700' }, 'runner directory was open to other local users: made private');
  const cli = cliEntryPoint(opts.cliBundle ?? env.MAESTRO_CLI_PATH);
  if (!cli) logger.warn({}, 'MAESTRO_CLI_PATH is not set: agents will not find `maestro` on PATH');
  const runner = createRunner({
    client: createNodeClient({ url: env.MAESTRO_API_URL, token: env.token }),
    apiUrl: env.MAESTRO_API_URL,
    name: env.MAESTRO_RUNNER_NAME,
    dataDir: env.MAESTRO_RUNNER_DIR,
    binDir: cli ? writeCliShim(join(env.MAESTRO_RUNNER_DIR, 'bin'), cli) : null,
    baseEnv,
    idleMs: env.MAESTRO_ATTENTION_IDLE_MS,
    composePrompt: async (claim) => {
      const composed = await composePrompt({ role: claim.session.role, project: claim.project, tasks: claim.tasks, session: claim.session }, opts.skills);
      for (const problem of composed.problems) logger.warn({ sessionId: claim.session.id, problem }, 'skill problem: using the next valid copy');
      return composed.text;
    },
    retentionMs: retentionMs(env.MAESTRO_RUNNER_RETENTION_DAYS),
    logger: {
      info: (o, m) => logger.info(o, m),
      warn: (o, m) => logger.warn(o, m),
      error: (o, m) => logger.error(o, m),
    },
  });
  await runner.start();
  return runner;
}
