/**
 * The CLI's command tree (CLI issue + session issue, checked against the first
 * build of apps/cli), as command path → flags it accepts. A stand-in for the
 * CLI's own citty definitions: once the skill-command test can import them
 * (from apps/cli, which will depend on this package), it should walk those.
 */
export const GLOBAL_FLAGS = ['--json', '--server', '--project', '--token', '--help'];

export const KNOWN_COMMANDS: Record<string, string[]> = {
  status: [],
  whoami: [],
  'project create': ['--dir'],
  'project list': [],
  'project get': [],
  'project use': [],
  'task create': ['--desc', '--priority', '--parent', '--depends-on'],
  'task list': ['--status', '--priority', '--parent', '--ready', '--mine', '--as', '--text', '--limit', '--cursor'],
  'task get': [],
  'task update': ['--title', '--desc', '--priority', '--status', '--expected-version'],
  'task start': [],
  'task complete': [],
  'task block': ['--reason'],
  'task unblock': [],
  'task comment': ['--body'],
  'task claim': [],
  'task ready': [],
  'task tree': [],
  'task timeline': [],
  'task deps add': [],
  'task deps remove': [],
  'task delete': ['--cascade'],
  'subtask create': ['--desc', '--priority'],
  'subtask list': [],
  'subtask complete': [],
  'subtask update': ['--title', '--desc', '--priority', '--status', '--expected-version'],
  'subtask delete': [],
  config: ['--set', '--get', '--list'],
  watch: ['--task', '--since', '--count'],
  'session spawn': ['--task', '--name', '--skill', '--agent', '--command', '--worktree', '--wait'],
  'session list': [],
  'session get': [],
  'session logs': [],
  'session stop': [],
};

/** The longest known command path at the start of `words` (after `maestro`), or undefined. */
export function matchCommand(words: string[]): string | undefined {
  for (let n = Math.min(3, words.length); n > 0; n--) {
    const path = words.slice(0, n).join(' ');
    if (path in KNOWN_COMMANDS) return path;
  }
  return undefined;
}
