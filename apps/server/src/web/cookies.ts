import type { IncomingMessage } from 'node:http';

/** The dashboard's session cookie: the server token itself, HttpOnly so page scripts never see it. */
export const TOKEN_COOKIE = 'maestro_token';

/** One cookie's value from the request's Cookie header, or null. */
export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Strict same-site and HttpOnly: another site cannot ride it, page scripts cannot
 * read it. `Secure` only when the request came over TLS (a proxy says so), else a
 * plain-http localhost dashboard could never sign in.
 */
export function tokenCookie(value: string, opts: { secure: boolean }): string {
  const parts = [`${TOKEN_COOKIE}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=31536000'];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedTokenCookie(): string {
  return `${TOKEN_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
