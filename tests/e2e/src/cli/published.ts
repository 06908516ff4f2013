import { publishedSchemas } from '@maestro/cli/src/schemas/registry';

/** The CLI suites that between them run every published `--json` contract against a real server. */
export type CliSuite = 'commands' | 'session' | 'attention' | 'token';

const ATTENTION_VERBS = new Set(['needs-input', 'working', 'idle', 'send']);

/**
 * Which suite runs a published command: a rule rather than a list, so a command added to the
 * tree with a `data` schema lands in one suite, and that suite fails until it runs it. Sessions,
 * skills and prompts need a real runner (session.test.ts), as do the inbox and a session's
 * signals and answers (attention.test.ts); tokens have their own (token.test.ts).
 */
export function suiteOf(command: string): CliSuite {
  const [noun, verb = ''] = command.split(' ');
  if (noun === 'token') return 'token';
  if (noun === 'inbox' || (noun === 'session' && ATTENTION_VERBS.has(verb))) return 'attention';
  if (noun === 'session' || noun === 'skill' || noun === 'prompt') return 'session';
  return 'commands';
}

/** The published commands (`session logs --follow` included) a suite must run, sorted. */
export async function publishedIn(suite: CliSuite): Promise<string[]> {
  return (await publishedSchemas())
    .map((p) => p.command)
    .filter((command) => suiteOf(command) === suite)
    .sort();
}
