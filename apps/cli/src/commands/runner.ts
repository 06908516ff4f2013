import { realpathSync } from 'node:fs';
import { parseRunnerEnv, startRunner } from '@maestro/runner';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../args.js';
import { onParentExit } from '../parent-watch.js';
import { useRuntime } from '../runtime.js';
import { cliSkillSearch } from '../skills-dir.js';

export default defineCommand({
  meta: meta('runner', 'Host sessions on this machine: claim spawn requests and run agents in terminals, until Ctrl-C', [
    'maestro runner',
    'maestro runner --server http://10.0.0.5:4800 --token "$MAESTRO_TOKEN" --name build-box',
  ]),
  args: {
    ...globalArgs,
    name: { type: 'string', valueHint: 'name', description: 'Runner name shown on sessions (default: host name)' },
    dir: { type: 'string', valueHint: 'path', description: 'Prompt files, output spill and worktrees (default ~/.maestro/runner)' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const settings = rt.settings();
    // Agents inherit the user's environment; the runner's own settings come from the CLI's resolution.
    const env = parseRunnerEnv({
      ...rt.env.inherited,
      MAESTRO_API_URL: settings.apiUrl,
      MAESTRO_TOKEN: settings.token,
      ...(args.name ? { MAESTRO_RUNNER_NAME: args.name } : {}),
      ...(args.dir ? { MAESTRO_RUNNER_DIR: args.dir } : { MAESTRO_RUNNER_DIR: rt.env.runnerDir }),
    });
    const { builtinDir } = cliSkillSearch();
    const runner = await startRunner(env, rt.env.inherited, { cliBundle: realpathSync(process.argv[1]!), skills: builtinDir ? { builtinDir } : {} });
    rt.out.info(`Runner ${runner.id} hosting sessions for ${settings.apiUrl}. Ctrl-C stops it and its sessions.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      if (rt.env.underNpm) onParentExit(resolve);
    });
    await runner.stop();
  },
});
