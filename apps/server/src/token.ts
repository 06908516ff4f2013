import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerToken {
  token: string;
  /** Where it came from, for the start-up message; never the token itself. */
  source: { kind: 'env' } | { kind: 'file'; path: string; created: boolean };
}

/**
 * MAESTRO_TOKEN when set; otherwise the token stored in the data directory,
 * generated (mode 0600) at first start.
 */
export function resolveServerToken(opts: { envToken?: string | undefined; dataDir: string }): ServerToken {
  if (opts.envToken) return { token: opts.envToken, source: { kind: 'env' } };
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const path = join(opts.dataDir, 'token');
  try {
    const token = readFileSync(path, 'utf8').trim();
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    if (token.length >= 16) return { token, source: { kind: 'file', path, created: false } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { token, source: { kind: 'file', path, created: true } };
}

/** Constant-time comparison so response timing does not leak the token. */
export function tokenMatches(candidate: string | null | undefined, expected: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
