import type { IncomingMessage } from 'node:http';
import { hashToken, NAMED_TOKEN_PREFIX, type Auth } from '@maestro/api';
import { findLiveApiTokenByHash, findSessionByTokenHash, touchApiToken, type Queryable } from '@maestro/db';
import { isLiveSessionStatus } from '@maestro/schemas';
import { tokenMatches } from './token.js';
import { readCookie, TOKEN_COOKIE } from './web/cookies.js';
import { cookieAllowed, sameOrigin } from './web/origin.js';

/**
 * The token a request carries: `Authorization: Bearer …`; a `token` query
 * parameter on WebSocket upgrades only (clients that cannot set headers there;
 * on plain HTTP calls it would end up in proxies' logs and browser history); or
 * the dashboard's HttpOnly cookie. A cookie counts only for a same-origin request
 * (see `cookieAllowed`): a page on another local port shares the cookie jar but
 * not the origin.
 */
export function requestToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const query = req.headers.upgrade?.toLowerCase() === 'websocket' ? req.url?.split('?')[1] : undefined;
  const fromQuery = query ? new URLSearchParams(query).get('token') : null;
  if (fromQuery) return fromQuery;
  const cookie = readCookie(req, TOKEN_COOKIE);
  return cookie && cookieAllowed(req) ? cookie : null;
}

/** True when the token is the server token (the dashboard's cookie must be). */
export function isServerToken(candidate: string | null | undefined, serverToken: string): boolean {
  return tokenMatches(candidate, serverToken);
}

/**
 * The server token makes a caller admin; a named token (`mtk_…`) acts with its
 * role until revoked; a session token (handed to a spawned agent) is valid
 * while its session is live and reaches only its project. Stored tokens are
 * looked up by their SHA-256, so comparison time says nothing about the secret.
 */
export async function authenticate(req: IncomingMessage, serverToken: string, db: Queryable): Promise<Auth | null> {
  const token = requestToken(req);
  if (tokenMatches(token, serverToken)) return { kind: 'admin' };
  if (token?.startsWith(NAMED_TOKEN_PREFIX)) {
    const named = await findLiveApiTokenByHash(db, { tokenHash: hashToken(token) });
    if (!named) return null;
    // Last use is a convenience for `token list`: a failed write must not fail the call.
    touchApiToken(db, { id: named.id }).catch(() => {});
    return { kind: 'token', tokenId: named.id, name: named.name, role: named.role };
  }
  if (!token?.startsWith('mst_')) return null;
  const session = await findSessionByTokenHash(db, { tokenHash: hashToken(token) });
  if (!session || !isLiveSessionStatus(session.status)) return null;
  return { kind: 'session', sessionId: session.id, projectId: session.projectId };
}

/**
 * Browsers send Origin on WebSocket upgrades; a page on another origin must not
 * drive this server with a token it obtained elsewhere. Non-browser clients send none.
 */
export const originAllowed = sameOrigin;
