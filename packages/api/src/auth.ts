import { createHash } from 'node:crypto';
import type { TokenRole } from '@maestro/schemas';

/**
 * Who is calling: the server token (the owner, `admin`); a session token (a
 * spawned agent, held to its project); or a named token with a role.
 */
export type Auth =
  { kind: 'admin' } | { kind: 'session'; sessionId: string; projectId: string } | { kind: 'token'; tokenId: string; name: string; role: TokenRole };

/** How a token is stored and looked up: only its digest is kept, for session and named tokens alike. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The key rate limits are counted under, one bucket per credential; null for
 * the server token, the owner's own (their dashboard, CLI and runner share it,
 * and whoever holds it controls the machine anyway).
 */
export function credentialKey(auth: Auth): string | null {
  if (auth.kind === 'session') return auth.sessionId;
  return auth.kind === 'token' ? auth.tokenId : null;
}

export function actorOf(auth: Auth): string {
  if (auth.kind === 'session') return auth.sessionId;
  return auth.kind === 'token' ? `token:${auth.name}` : 'user';
}
