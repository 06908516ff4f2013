import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The only place the CLI reads `process.env`. Values are kept as strings here
 * and validated where they are used (settings.ts), so a bad `MAESTRO_RETRIES`
 * fails the command that needs it with a VALIDATION error, not every command.
 */
export interface CliEnv {
  apiUrl: string | undefined;
  token: string | undefined;
  projectId: string | undefined;
  retries: string | undefined;
  retryDelay: string | undefined;
  debug: boolean;
  /** Set by the runner for spawned agents. */
  sessionId: string | undefined;
  taskIds: string[];
  role: string | undefined;
  skill: string | undefined;
  /** Where the config file lives: MAESTRO_CONFIG, else $HOME/.maestro/config.json. */
  configPath: string;
  /** Where a local server keeps its token: $MAESTRO_DATA_DIR/token, else ~/.maestro/data/token. */
  serverTokenPath: string;
  /** https://no-color.org: present and not empty disables colour. */
  noColor: boolean;
  /** Used as the claimant name outside a session. */
  user: string | undefined;
  /** The local runner's directory (worktrees live in its `worktrees/`): MAESTRO_RUNNER_DIR, else ~/.maestro/runner. */
  runnerDir: string;
  /**
   * Started by npm (`npx maestro …`, an npm script): npm hands a SIGTERM to the
   * shell it runs us in, which dies without passing it on, so long-running
   * commands stop when that parent goes (see parent-watch.ts).
   */
  underNpm: boolean;
  /** The whole environment, unparsed: for what hands it on (`maestro runner`'s agents inherit it). */
  inherited: NodeJS.ProcessEnv;
}

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

export function readEnv(source: NodeJS.ProcessEnv = process.env): CliEnv {
  const home = nonEmpty(source.HOME) ?? homedir();
  const debug = nonEmpty(source.MAESTRO_DEBUG);
  return {
    apiUrl: nonEmpty(source.MAESTRO_API_URL),
    token: nonEmpty(source.MAESTRO_TOKEN),
    projectId: nonEmpty(source.MAESTRO_PROJECT_ID),
    retries: nonEmpty(source.MAESTRO_RETRIES),
    retryDelay: nonEmpty(source.MAESTRO_RETRY_DELAY),
    debug: debug !== undefined && debug !== '0' && debug.toLowerCase() !== 'false',
    sessionId: nonEmpty(source.MAESTRO_SESSION_ID),
    taskIds: (source.MAESTRO_TASK_IDS ?? '')
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean),
    role: nonEmpty(source.MAESTRO_ROLE),
    skill: nonEmpty(source.MAESTRO_SKILL),
    configPath: nonEmpty(source.MAESTRO_CONFIG) ?? join(home, '.maestro', 'config.json'),
    serverTokenPath: join(nonEmpty(source.MAESTRO_DATA_DIR) ?? join(home, '.maestro', 'data'), 'token'),
    noColor: (source.NO_COLOR ?? '') !== '',
    runnerDir: nonEmpty(source.MAESTRO_RUNNER_DIR) ?? join(home, '.maestro', 'runner'),
    user: nonEmpty(source.USER) ?? nonEmpty(source.LOGNAME),
    underNpm: nonEmpty(source.npm_lifecycle_event) !== undefined || nonEmpty(source.npm_command) !== undefined,
    inherited: source,
  };
}
