import type { IncomingMessage } from 'node:http';
import type { Auth } from '@maestro/api';
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

export function authenticate(req: IncomingMessage, serverToken: string): Auth | null {
  return tokenMatches(requestToken(req), serverToken) ? { kind: 'admin' } : null;
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
