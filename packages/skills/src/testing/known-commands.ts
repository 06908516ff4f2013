/**
 * The CLI's command paths, for reading a skill's or an agent's `maestro …`
 * lines as command + arguments. Which flags each command takes is checked by
 * the CLI's own parser (apps/cli, `src/reference`), not here.
 */
const COMMAND_PATHS = new Set([
  'status',
  'whoami',
  'project create',
  'project list',
  'project get',
  'project use',
  'task create',
  'task list',
  'task get',
  'task update',
  'task start',
  'task complete',
  'task block',
  'task unblock',
  'task comment',
  'task claim',
  'task ready',
  'task tree',
  'task timeline',
  'task deps add',
  'task deps remove',
  'task delete',
  'subtask create',
  'subtask list',
  'subtask complete',
  'subtask update',
  'subtask delete',
  'config',
  'watch',
  'session spawn',
  'session list',
  'session get',
  'session logs',
  'session stop',
]);

/** The longest known command path at the start of `words` (after `maestro`), or undefined. */
export function matchCommand(words: string[]): string | undefined {
  for (let n = Math.min(3, words.length); n > 0; n--) {
    const path = words.slice(0, n).join(' ');
    if (COMMAND_PATHS.has(path)) return path;
  }
  return undefined;
}
