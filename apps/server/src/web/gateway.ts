import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { isServerToken, requestToken } from '../auth.js';
import { clearedTokenCookie, tokenCookie } from './cookies.js';
import type { WebApp } from './next-app.js';
import { sameOrigin } from './origin.js';

/** Request header through which the sign-in page learns where the token lives (never the token). */
export const TOKEN_HINT_HEADER = 'x-maestro-token-hint';
const SIGNIN_PATH = '/signin';
const MAX_FORM_BYTES = 8 * 1024;

/** Paths a signed-out browser may load: the sign-in page needs Next's assets. */
function isPublicAsset(path: string): boolean {
  return path.startsWith('/_next/') || path === '/favicon.ico' || path === '/icon.svg';
}

/** Only a local path may follow sign-in: never `//evil.example` or `https://…`. */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

function redirect(res: ServerResponse, location: string, cookie?: string): void {
  const headers: Record<string, string> = { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
  if (cookie) headers['set-cookie'] = cookie;
  res.writeHead(303, headers);
  res.end();
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  let size = 0;
  const parts: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    parts.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(parts).toString('utf8'));
}

export interface WebGatewayOptions {
  serverToken: string;
  /** Where the token file is, for the sign-in page (e.g. "~/.maestro/data/token"). */
  tokenHint: string;
  web: WebApp;
  /** True when requests reach us over TLS (a proxy in front), for the cookie's Secure flag. */
  secure?: boolean;
}

/**
 * Everything that is not the API: the sign-in exchange (`?token=` once → an
 * HttpOnly cookie), sign-out, and the dashboard's pages behind the cookie. A
 * signed-out browser gets the sign-in page for any page it asks for.
 */
export function createWebGateway(opts: WebGatewayOptions) {
  const secure = opts.secure ?? false;
  const signedIn = (req: IncomingMessage) => isServerToken(requestToken(req), opts.serverToken);

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    delete req.headers[TOKEN_HINT_HEADER];

    if (url.pathname === '/auth/signin' && req.method === 'POST') {
      if (!sameOrigin(req)) return void res.writeHead(403).end();
      const form = await readForm(req);
      const next = safeNextPath(form?.get('next'));
      if (!isServerToken(form?.get('token')?.trim(), opts.serverToken)) {
        return redirect(res, `${SIGNIN_PATH}?error=invalid&next=${encodeURIComponent(next)}`);
      }
      return redirect(res, next, tokenCookie(opts.serverToken, { secure }));
    }
    if (url.pathname === '/auth/signout' && req.method === 'POST') {
      if (!sameOrigin(req)) return void res.writeHead(403).end();
      return redirect(res, SIGNIN_PATH, clearedTokenCookie());
    }

    // The printed URL: exchange ?token= for the cookie once, then drop it from the address bar.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && (req.method === 'GET' || req.method === 'HEAD')) {
      url.searchParams.delete('token');
      const clean = `${url.pathname}${url.search}`;
      if (!isServerToken(queryToken, opts.serverToken)) {
        return redirect(res, `${SIGNIN_PATH}?error=invalid&next=${encodeURIComponent(clean)}`);
      }
      return redirect(res, clean, tokenCookie(opts.serverToken, { secure }));
    }

    if (!isPublicAsset(url.pathname)) {
      const authed = signedIn(req);
      if (url.pathname === SIGNIN_PATH && authed) return redirect(res, safeNextPath(url.searchParams.get('next')));
      if (!authed && url.pathname !== SIGNIN_PATH) {
        req.url = `${SIGNIN_PATH}?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`;
      }
      req.headers[TOKEN_HINT_HEADER] = opts.tokenHint;
    }
    // same-origin, not no-referrer: with no-referrer a form POST carries `Origin: null`, which the origin check must refuse.
    res.setHeader('referrer-policy', 'same-origin');
    await opts.web.handle(req, res);
  }

  /** Next's own upgrades (hot reload in dev); the tRPC path is handled before this. */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (opts.web.mode !== 'development' || !sameOrigin(req)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    void opts.web.upgrade(req, socket, head);
  }

  return { handleRequest, handleUpgrade };
}
export type WebGateway = ReturnType<typeof createWebGateway>;
