import commandPaths from './command-paths.json' with { type: 'json' };

/**
 * The CLI's command paths, for reading a skill's or an agent's `maestro …`
 * lines as command + arguments. command-paths.json is generated from the
 * CLI's command tree (`npm run generate:skills`; apps/cli's reference test
 * fails when it drifts). Which flags each command takes is checked by the
 * CLI's own parser (apps/cli, `src/reference`), not here.
 */
const COMMAND_PATHS = new Set<string>(commandPaths);
const LONGEST = Math.max(...commandPaths.map((p) => p.split(' ').length));

/** The longest known command path at the start of `words` (after `maestro`), or undefined. */
export function matchCommand(words: string[]): string | undefined {
  for (let n = Math.min(LONGEST, words.length); n > 0; n--) {
    const path = words.slice(0, n).join(' ');
    if (COMMAND_PATHS.has(path)) return path;
  }
  return undefined;
}
