import type { IncomingMessage } from 'node:http';
import { hashToken, type Auth } from '@maestro/api';
import { findSessionByTokenHash, type Queryable } from '@maestro/db';
import { LIVE_SESSION_STATUSES } from '@maestro/schemas';
import { tokenMatches } from './token.js';

/**
 * The token a request carries: `Authorization: Bearer …`, or a `token` query
 * parameter for WebSocket upgrades from browsers (which cannot set headers).
 */
export function requestToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const query = req.url?.split('?')[1];
  return query ? new URLSearchParams(query).get('token') : null;
}

/**
 * The server token makes a caller admin; a session token (handed to a spawned
 * agent) is valid while its session is live and reaches only its project.
 */
export async function authenticate(req: IncomingMessage, serverToken: string, db: Queryable): Promise<Auth | null> {
  const token = requestToken(req);
  if (tokenMatches(token, serverToken)) return { kind: 'admin' };
  if (!token?.startsWith('mst_')) return null;
  const session = await findSessionByTokenHash(db, hashToken(token));
  if (!session || !(LIVE_SESSION_STATUSES as readonly string[]).includes(session.status)) return null;
  return { kind: 'session', sessionId: session.id, projectId: session.projectId };
}

/**
 * Browsers send Origin on WebSocket upgrades; a page on another origin must not
 * drive this server with a token it obtained elsewhere. Non-browser clients send none.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
