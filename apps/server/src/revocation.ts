import type { Auth, EventBus } from '@maestro/api';
import { LIVE_SESSION_STATUSES } from '@maestro/schemas';
import type { WebSocket } from 'ws';

/** Close code a socket gets when its credential is revoked (4000–4999 is the application's range). */
export const REVOKED_CLOSE_CODE = 4001;

const isLive = (status: string) => (LIVE_SESSION_STATUSES as readonly string[]).includes(status);

/**
 * Ends every WebSocket of a session token when its session ends, so its open
 * subscriptions stop too (a per-call check alone would leave them streaming).
 */
export function createSocketRevoker(bus: EventBus) {
  const bySession = new Map<string, Set<WebSocket>>();
  const unsubscribe = bus.subscribe((event) => {
    if (event.type !== 'session:updated' || isLive(event.payload.session.status)) return;
    const sockets = bySession.get(event.payload.session.id);
    if (!sockets) return;
    bySession.delete(event.payload.session.id);
    for (const socket of sockets) socket.close(REVOKED_CLOSE_CODE, 'token revoked: its session has ended');
  });
  return {
    track(auth: Auth | null, socket: WebSocket): void {
      if (auth?.kind !== 'session') return;
      let sockets = bySession.get(auth.sessionId);
      if (!sockets) bySession.set(auth.sessionId, (sockets = new Set()));
      sockets.add(socket);
      socket.once('close', () => {
        sockets.delete(socket);
        if (sockets.size === 0 && bySession.get(auth.sessionId) === sockets) bySession.delete(auth.sessionId);
      });
    },
    close: unsubscribe,
  };
}
