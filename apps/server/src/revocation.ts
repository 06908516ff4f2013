import type { Auth, EventBus } from '@maestro/api';
import { isLiveSessionStatus } from '@maestro/schemas';
import type { WebSocket } from 'ws';

/** Close code a socket gets when its credential is revoked (4000–4999 is the application's range). */
export const REVOKED_CLOSE_CODE = 4001;

/** The credential a socket is held under, for closing it: a session's id or a named token's id. */
function credentialOf(auth: Auth | null): string | null {
  if (auth?.kind === 'session') return auth.sessionId;
  return auth?.kind === 'token' ? auth.tokenId : null;
}

/**
 * Ends every WebSocket of a credential when it is revoked (a session token when
 * its session ends, a named token when `token.revoke` runs on this server), so
 * its open subscriptions stop too: a per-call check alone would leave them
 * streaming. Calls on every server are refused by the per-call check anyway.
 */
export function createSocketRevoker(bus: EventBus) {
  const byCredential = new Map<string, Set<WebSocket>>();
  const revoke = (credential: string, why: string) => {
    const sockets = byCredential.get(credential);
    if (!sockets) return;
    byCredential.delete(credential);
    for (const socket of sockets) socket.close(REVOKED_CLOSE_CODE, why);
  };
  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'session:updated' && !isLiveSessionStatus(event.payload.session.status))
      revoke(event.payload.session.id, 'token revoked: its session has ended');
  });
  return {
    track(auth: Auth | null, socket: WebSocket): void {
      const credential = credentialOf(auth);
      if (!credential) return;
      let sockets = byCredential.get(credential);
      if (!sockets) byCredential.set(credential, (sockets = new Set()));
      sockets.add(socket);
      socket.once('close', () => {
        sockets.delete(socket);
        if (sockets.size === 0 && byCredential.get(credential) === sockets) byCredential.delete(credential);
      });
    },
    revokeToken: (tokenId: string) => revoke(tokenId, 'token revoked'),
    close: unsubscribe,
  };
}
