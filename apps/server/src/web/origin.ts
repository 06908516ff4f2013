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

/**
 * Whether the dashboard's cookie may authenticate this request. `SameSite` does
 * not help on localhost (another port is the same site), and a no-cors request
 * (an `<img>`, a form) may carry no Origin at all, so the browser's own
 * `Sec-Fetch-Site` must say `same-origin` too. A top-level page navigation is
 * the exception: opening a page changes nothing, and a link from elsewhere
 * should land on the dashboard, not on its sign-in form.
 */
export function cookieAllowed(req: IncomingMessage): boolean {
  if (!sameOrigin(req)) return false;
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return true;
  return (req.method === 'GET' || req.method === 'HEAD') && req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document';
}
