import type { ErrorCode } from '@maestro/schemas';

/**
 * What each error code means and what to do about it, for docs/troubleshooting.md.
 * The hint an error carries is specific to the call that failed; this is the
 * general answer. `cliOnly`: made by the CLI, never sent by the server. A `Record` over every code: a new code fails typecheck until it is explained here.
 */
export const ERROR_HELP: Record<ErrorCode, { meaning: string; fix: string; cliOnly?: true }> = {
  VALIDATION: {
    meaning:
      'The input was refused before anything was done: a malformed id, a value outside its enum, an empty title, a missing argument, an unknown flag or command, or no project selected.',
    fix: 'Read the message: it names each field and what it accepts (`details.issues` holds the zod issues). `maestro <command> --help` lists the arguments; for "no project", pass `--project`, set `MAESTRO_PROJECT_ID` or run `maestro project use <id>`.',
  },
  NOT_FOUND: {
    meaning: 'The project, task, session, runner, token or skill named does not exist (or was deleted).',
    fix: 'List what exists (`maestro project list`, `maestro task list`, `maestro session list`, `maestro token list`) and check the id; `details.kind` and `details.id` say what was looked for.',
  },
  UNAUTHORIZED: {
    meaning: 'No token, a wrong token, a revoked named token, or a session token whose session has ended.',
    fix: 'Pass the server token with `--token`, `MAESTRO_TOKEN` or `maestro config --set token=<token>`; a local server keeps it in `~/.maestro/data/token` (or `$MAESTRO_DATA_DIR/token`). A named token that was revoked needs a new one (`maestro token create`).',
  },
  FORBIDDEN: {
    meaning:
      'The token is valid but may not do this: a session token outside its own project or on project administration, a named token whose role does not allow the call (see the roles in docs/api.md), or a runner acting on another runner’s session.',
    fix: 'Use a token whose role allows it (`maestro token create --name <name> --role admin|member|runner|readonly`, run with the server token), or ask the person running Maestro to do it.',
  },
  VERSION_CONFLICT: {
    meaning: 'The task changed since the version you sent (`--expected-version`): someone else updated it first.',
    fix: 'Re-read it (`maestro task get <id>`), re-apply your change to what is there now, and retry with the new `version`.',
  },
  INVALID_TRANSITION: {
    meaning: 'The task or session is not in a state that allows this move (a completed task started again, input typed into a session that is not running).',
    fix: 'Check its status (`maestro task get <id>`, `maestro session get <id>`); the message says which status it is in and which move was refused.',
  },
  CYCLE: {
    meaning: 'The dependency would close a loop: the task already (indirectly) waits for itself through it.',
    fix: 'Look at the dependencies (`maestro task get <id>`) and add the edge the other way round, or remove the edge that closes the loop.',
  },
  ALREADY_EXISTS: {
    meaning: 'Something with that name or key exists already: a project name, a token name, a dependency, or a row a concurrent request created first.',
    fix: 'Use the existing one (the message names it) or choose another name; after a concurrent create, read the current state and retry only if still needed.',
  },
  HAS_CHILDREN: {
    meaning: 'A task with subtasks, or a project with tasks, cannot be deleted on its own.',
    fix: 'Delete with `--cascade` (`maestro task delete <id> --cascade`) or delete the children first.',
  },
  DEPENDENCIES_INCOMPLETE: {
    meaning: 'The task waits for dependencies that are not completed yet, so it cannot be completed.',
    fix: 'Complete the tasks it depends on first (`maestro task get <id>` lists them), or remove the dependency (`maestro task deps remove <id> <dependsOnId>`).',
  },
  CHILDREN_INCOMPLETE: {
    meaning: 'The task has subtasks that are not done, so it cannot be completed.',
    fix: 'Complete or cancel its subtasks first (`maestro subtask list <taskId>`).',
  },
  NOTHING_READY: {
    meaning: '`task claim --next` found no ready task: none is todo with every dependency completed.',
    fix: 'See what is blocked or waiting with `maestro status`; create or unblock work, or wait for dependencies to complete.',
  },
  ALREADY_CLAIMED: {
    meaning: 'Someone else holds the task (or another runner claimed the session) first.',
    fix: 'Pick another task (`maestro task claim --next`); if the holder is gone, a person can reassign it with `maestro task update`.',
  },
  IDEMPOTENCY_MISMATCH: {
    meaning: 'The idempotency key was already used for a different request (another procedure or other input).',
    fix: 'Use a new key for a new request; reuse a key only to retry the very same call.',
  },
  OUTPUT_GAP: {
    meaning: 'A runner sent terminal output that would leave a hole in the session’s stored chunks.',
    fix: 'Runners resend from the chunk the server names (`details.storedUpTo` + 1) on their own; if it persists, restart the runner and report it as a bug.',
  },
  NOT_CONTROLLER: {
    meaning: 'A terminal resize came from a viewer that does not hold the session’s size control (another dashboard tab or `attach` does).',
    fix: 'Take control (resize with `takeControl: true`; the dashboard has a button for it), or fit your view to the current size.',
  },
  SPAWN_FAILED: {
    cliOnly: true,
    meaning:
      '`maestro session spawn --wait` saw the session fail before its agent was running: a missing agent binary, a command not found, a directory that does not exist.',
    fix: 'Read the message and `maestro session logs <id>`; install the agent or fix `--command` / `agents.<name>.command`, then spawn again. See "Agent binary missing" below.',
  },
  RATE_LIMITED: {
    meaning: 'Too many calls from one token in a short time (session and named tokens; the server token is exempt).',
    fix: 'Wait `details.retryAfterMs` and retry (the CLI does it by itself before exiting 7); the limits are `MAESTRO_RATE_LIMIT_*` on the server.',
  },
  LIMIT_REACHED: {
    meaning:
      'A configured capacity is full: every connected runner runs its maximum of sessions (`MAESTRO_RUNNER_MAX_SESSIONS`), or a WebSocket holds its maximum of subscriptions.',
    fix: 'Stop sessions that are done (`maestro session list --active`, `maestro session stop <id>`), start another runner (`maestro runner`), or raise the limit on the server.',
  },
  TOO_LARGE: {
    meaning: 'A request or its answer is over a server limit (calls in one batch, bytes in one answer); nothing was done for the refused calls.',
    fix: 'Split the work into smaller calls or pages (`--limit`, `maxBytes`); `details.limit` names the limit.',
  },
  UNAVAILABLE: {
    meaning: 'The server is up but its database is not (an outage, a restart, a lock held too long); nothing was written.',
    fix: 'Retry later (the CLI retries, then exits 3); check the database: see "PostgreSQL unreachable" below and `/health`.',
  },
  NETWORK: {
    cliOnly: true,
    meaning: 'The CLI could not reach the server at the URL it tried (refused, reset, timed out), after its retries.',
    fix: 'Start the server (`npm start`), or point the CLI at the right one with `--server`, `MAESTRO_API_URL` or `maestro config --set apiUrl=<url>`. See "Server won’t start" below.',
  },
  INTERNAL: {
    meaning: 'An unexpected failure: a bug in Maestro, or a server error with no more specific code.',
    fix: 'Rerun with `MAESTRO_DEBUG=1` to see the stack trace, check the server log, and report it with both.',
  },
};
