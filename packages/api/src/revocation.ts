import { findApiToken, findSession, type Queryable } from '@maestro/db';
import { isLiveSessionStatus } from '@maestro/schemas';
import type { Auth } from './auth.js';

/**
 * Whether a credential decided once for many calls (at a WebSocket upgrade)
 * still holds: the server token always does; a session token only while its
 * session is live; a named token until it is revoked. Asked before every call on such a connection (see
 * `ContextInner.stillValid`), so nothing slips in after a session ends.
 */
export function credentialStillValid(db: Queryable): (auth: Auth) => Promise<boolean> {
  return async (auth) => {
    if (auth.kind === 'admin') return true;
    if (auth.kind === 'token') {
      const token = await findApiToken(db, { idOrName: auth.tokenId });
      return !!token && token.revokedAt === null;
    }
    const session = await findSession(db, { id: auth.sessionId });
    return !!session && isLiveSessionStatus(session.status);
  };
}
