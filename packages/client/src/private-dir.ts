import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * Makes `dir` (and missing parents) a directory only its owner can enter:
 * created 0700, and an existing one that others can read (a volume, a
 * directory the user made with 0755) tightened to 0700. Data, tokens and
 * prompt files (task text) live under these. Returns what it changed so the
 * caller can warn; throws when the directory cannot be made private.
 */
export function ensurePrivateDir(dir: string): { tightenedFrom: number | null } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return { tightenedFrom: null };
  chmodSync(dir, mode & 0o700);
  return { tightenedFrom: mode };
}
