import type { IncomingMessage } from 'node:http';

/**
 * True when the request's Origin is this server's own origin, or when there is
 * none (non-browser clients). Cookies are shared across ports on localhost, so an
 * exact match is what stops another local page from using the dashboard's cookie.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
