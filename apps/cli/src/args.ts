import type { ArgsDef, CommandMeta } from 'citty';

/** Flags every command accepts, in any position. */
export const globalArgs = {
  json: { type: 'boolean', description: 'Print exactly one JSON document on stdout: {"success":true,"data":…} or {"success":false,"error":…}' },
  server: { type: 'string', valueHint: 'url', description: 'Server URL (env MAESTRO_API_URL, config apiUrl; default http://127.0.0.1:4800)' },
  project: { type: 'string', valueHint: 'id', description: 'Project id (env MAESTRO_PROJECT_ID, config project)' },
  token: { type: 'string', valueHint: 'token', description: 'API token (env MAESTRO_TOKEN, config token, else the local server token file)' },
} as const satisfies ArgsDef;

export const descArg = { type: 'string', valueHint: 'text', description: 'Description' } as const;
export const titleArg = { type: 'string', valueHint: 'text', description: 'New title' } as const;
export const expectedVersionArg = {
  type: 'string',
  valueHint: 'n',
  description: 'Refuse (exit 5, VERSION_CONFLICT) if the task changed since this version',
} as const;

export const worktreeArg = { type: 'boolean', description: 'Sessions spawned for this task run in their own git worktree' } as const;
/** On update: `--worktree` opts in, `--no-worktree` opts out. */
export const worktreeToggleArg = {
  ...worktreeArg,
  negativeDescription: 'Sessions spawned for this task run in the project directory (unless the spawn asks for a worktree)',
} as const;

/** An optional task id that falls back to the first of MAESTRO_TASK_IDS. */
export const optionalTaskId = {
  type: 'positional',
  required: false,
  valueHint: 'task-id',
  description: 'Task id (default: the first of MAESTRO_TASK_IDS)',
} as const;

export const requiredTaskId = { type: 'positional', required: true, description: 'Task id (tsk_…)' } as const;

export interface MaestroMeta extends CommandMeta {
  examples: string[];
  /**
   * An agent uses it: listed in the maestro-cli skill. People's commands (config, project create/use,
   * runner, skill, prompt, session attach/cleanup) stay out, since every line costs every agent tokens.
   */
  agent?: boolean;
}

/** Command metadata with the examples `--help` prints. */
export function meta(name: string, description: string, examples: string[], options: { agent?: boolean } = {}): MaestroMeta {
  return { name, description, examples, ...options };
}
