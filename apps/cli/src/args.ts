import type { ArgsDef, CommandMeta } from 'citty';
import type { z } from 'zod';

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
  /**
   * The published contract: the schema of `data` in this command's `--json` output. The JSON
   * Schemas in apps/cli/schemas/ and docs/cli.md are generated from it (src/schemas/registry.ts
   * walks the command tree); nothing reads it at run time. Its module loads when the command
   * runs, so a schema the command would not load anyway (whoami loads no zod) is given as a
   * function that imports it: declaring it must not slow the command's start-up.
   */
  data?: z.ZodType | (() => Promise<z.ZodType>);
  /**
   * Output printed as one JSON document per line instead of an envelope: the schema of a line,
   * and the flag that switches to it (none: always, as `watch --json`).
   */
  lines?: { schema: z.ZodType; flag?: string };
}

/** Command metadata with the examples `--help` prints (and what its `--json` prints). */
export function meta(name: string, description: string, examples: string[], options: Pick<MaestroMeta, 'agent' | 'data' | 'lines'> = {}): MaestroMeta {
  return { name, description, examples, ...options };
}
