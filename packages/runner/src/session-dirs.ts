import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Default age after which an ended session's directory (prompt, spill) is removed by the runner itself. */
export const DEFAULT_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

export interface SessionDirVerdict {
  sessionId: string;
  dir: string;
  removed: boolean;
  /** Why it stays, or null when it was (or would be) removed. */
  kept: string | null;
}

/**
 * The per-session directories under `<runnerDir>/sessions/` (the prompt file
 * and any output spill). One is removed only when the server says its session
 * has ended (`ended(id)` true) and it is older than `olderThanMs`; a live
 * session, one the server does not know, or a young one stays.
 */
export async function sweepSessionDirs(opts: {
  runnerDir: string;
  ended: (sessionId: string) => Promise<boolean | 'unknown'>;
  olderThanMs: number;
  dryRun?: boolean;
  now?: number;
}): Promise<SessionDirVerdict[]> {
  const root = join(opts.runnerDir, 'sessions');
  if (!existsSync(root)) return [];
  const now = opts.now ?? Date.now();
  const verdicts: SessionDirVerdict[] = [];
  for (const sessionId of readdirSync(root)
    .filter((n) => n.startsWith('ses_'))
    .sort()) {
    const dir = join(root, sessionId);
    const age = now - statSync(dir).mtimeMs;
    if (age < opts.olderThanMs) {
      verdicts.push({ sessionId, dir, removed: false, kept: `younger than the retention (${Math.ceil(opts.olderThanMs / DAY_MS)} d)` });
      continue;
    }
    const ended = await opts.ended(sessionId);
    if (ended !== true) {
      verdicts.push({
        sessionId,
        dir,
        removed: false,
        kept: ended === 'unknown' ? 'the server does not know this session: check it by hand' : 'session is still live',
      });
      continue;
    }
    if (!opts.dryRun) rmSync(dir, { recursive: true, force: true });
    verdicts.push({ sessionId, dir, removed: !opts.dryRun, kept: null });
  }
  return verdicts;
}

/** `MAESTRO_RUNNER_RETENTION_DAYS` in milliseconds; 0 keeps directories forever. */
export const retentionMs = (days: number) => (days <= 0 ? Number.POSITIVE_INFINITY : days * DAY_MS);
