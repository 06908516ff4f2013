import type { Session } from '@maestro/schemas';
import { isEndedSessionStatus } from '@maestro/schemas/enums';
import { CliError } from '../../errors.js';

/** A command that cannot run (a typo run through the shell) exits at once: watch this long after it starts. */
const SETTLE_MS = 1_500;
/** How often `--wait` says it is still waiting. */
const PROGRESS_EVERY_MS = 10_000;
const POLL_MS = 150;

/**
 * Polls the session until it has run for a moment, or ended. Says on stderr
 * (`say`) each step it reaches and, every 10 s, that it is still waiting, so a
 * spawn nobody picks up is never a silent two-minute hang.
 */
export async function waitUntilStarted(get: () => Promise<Session>, say: (line: string) => void, timeoutMs = 120_000): Promise<Session> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let activeSince: number | null = null;
  let lastSaid = started;
  let phase = '';
  for (;;) {
    const session = await get();
    const now = Date.now();
    const next = session.status === 'spawning' ? (session.runnerId ? 'claimed' : 'waiting') : session.status;
    if (next !== phase) {
      phase = next;
      lastSaid = now;
      if (next === 'waiting') say(`${session.id}: waiting for a runner to pick it up…`);
      else if (next === 'claimed') say(`${session.id}: runner ${session.runnerId ?? '?'} is starting it…`);
      else if (next === 'active') say(`${session.id}: running${session.pid === null ? '' : ` (pid ${session.pid})`}; watching its first moments…`);
    } else if (now - lastSaid >= PROGRESS_EVERY_MS && !isEndedSessionStatus(session.status)) {
      lastSaid = now;
      say(`${session.id}: still ${phase === 'waiting' ? 'waiting for a runner' : phase} after ${Math.round((now - started) / 1000)} s…`);
    }
    if (isEndedSessionStatus(session.status)) return session;
    if (session.status === 'active') {
      activeSince ??= now;
      if (now - activeSince >= SETTLE_MS) return session;
    }
    if (now > deadline) {
      throw new CliError(
        'SPAWN_FAILED',
        `Session ${session.id} is still ${phase === 'waiting' ? 'waiting for a runner' : session.status} after ${timeoutMs / 1000} s`,
        {
          hint:
            'Is a runner connected (maestro status lists them)? `npm start` starts one; `maestro runner` starts more. Stop this request with: maestro session stop ' +
            session.id,
          details: { session },
        },
      );
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** What to do after a spawn that ended before it got going (the task's fate follows the rule in release.ts). */
function nextStep(session: Session): string {
  if (session.status === 'stopped') return 'It was stopped (maestro session stop) before it got going; its task was left as it was.';
  if (session.error)
    return 'Fix the agent command (--command, or maestro config --set agents.<name>.command="…") and spawn again; the task was left as it was.';
  return `It ran and ended at once, so its task is now blocked: see what it printed (maestro session logs ${session.id}), fix that, then maestro task unblock <task-id> and spawn again.`;
}

/** Why a spawn ended before it got going, and what to do about it. */
export function spawnFailure(session: Session): CliError {
  const how = session.error ?? (session.signal ? `signal ${session.signal}` : `exit ${session.exitCode ?? '?'}`);
  return new CliError('SPAWN_FAILED', `Session ${session.id} ${session.status}: ${how}`, { hint: nextStep(session), details: { session } });
}
