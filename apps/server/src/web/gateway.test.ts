import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { requestToken } from '../auth.js';
import { clearedTokenCookie, readCookie, tokenCookie } from './cookies.js';
import { safeNextPath } from './gateway.js';
import { sameOrigin } from './origin.js';

const req = (headers: Record<string, string>, url = '/', method = 'GET'): IncomingMessage => ({ headers, url, method }) as unknown as IncomingMessage;

describe('safeNextPath', () => {
  test.each([
    ['/p/prj_0123456789?task=x', '/p/prj_0123456789?task=x'],
    ['/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [null, '/'],
  ])('%s → %s', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });
});

describe('the session cookie', () => {
  test('is HttpOnly, SameSite=Strict, path /; Secure only over TLS', () => {
    expect(tokenCookie('abc', { secure: false })).toBe('maestro_token=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000');
    expect(tokenCookie('abc', { secure: true })).toContain('; Secure');
    expect(clearedTokenCookie()).toContain('Max-Age=0');
  });

  test('is read from the Cookie header among others, and undecodable values are ignored', () => {
    expect(readCookie(req({ cookie: 'a=1; maestro_token=t%2Fk; b=2' }), 'maestro_token')).toBe('t/k');
    expect(readCookie(req({ cookie: 'maestro_token=%E0%A4%A' }), 'maestro_token')).toBeNull();
    expect(readCookie(req({}), 'maestro_token')).toBeNull();
  });

  test('authenticates only same-origin requests (a page on another local port shares the cookie jar)', () => {
    const cookie = 'maestro_token=secret-token-value';
    expect(requestToken(req({ cookie, host: '127.0.0.1:4800' }))).toBe('secret-token-value');
    expect(requestToken(req({ cookie, host: '127.0.0.1:4800', origin: 'http://127.0.0.1:4800' }))).toBe('secret-token-value');
    expect(requestToken(req({ cookie, host: '127.0.0.1:4800', origin: 'http://127.0.0.1:3000' }))).toBeNull();
    expect(requestToken(req({ cookie, host: '127.0.0.1:4800', origin: 'null' }))).toBeNull();
  });

  test('needs the browser to say same-origin: another port on localhost is the same *site*, and a no-cors request may carry no Origin', () => {
    const cookie = 'maestro_token=secret-token-value';
    const host = '127.0.0.1:4800';
    expect(requestToken(req({ cookie, host, 'sec-fetch-site': 'same-origin' }, '/trpc/task.update', 'POST'))).toBe('secret-token-value');
    // An <img> or a form from http://127.0.0.1:3000: same-site, and for the image no Origin at all.
    expect(requestToken(req({ cookie, host, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' }, '/trpc/task.list'))).toBeNull();
    expect(requestToken(req({ cookie, host, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }, '/trpc/task.create', 'POST'))).toBeNull();
    // Following a link to a dashboard page changes nothing and lands signed in.
    const navigate = { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    expect(requestToken(req({ cookie, host, ...navigate }, '/p/prj_1'))).toBe('secret-token-value');
    expect(requestToken(req({ cookie, host, ...navigate }, '/p/prj_1', 'POST'))).toBeNull();
  });

  test('?token= counts only on a WebSocket upgrade, never on a plain HTTP call', () => {
    expect(requestToken(req({ host: 'h' }, '/trpc/task.list?token=abc'))).toBeNull();
    expect(requestToken(req({ host: 'h', upgrade: 'websocket' }, '/trpc?token=abc'))).toBe('abc');
  });

  test('a bearer header wins over the cookie', () => {
    expect(requestToken(req({ cookie: 'maestro_token=a', authorization: 'Bearer b', host: 'h' }))).toBe('b');
  });
});

describe('sameOrigin', () => {
  test('no Origin (not a browser) passes; a different host or a malformed Origin does not', () => {
    expect(sameOrigin(req({ host: 'h:1' }))).toBe(true);
    expect(sameOrigin(req({ host: 'h:1', origin: 'http://h:1' }))).toBe(true);
    expect(sameOrigin(req({ host: 'h:1', origin: 'http://h:2' }))).toBe(false);
    expect(sameOrigin(req({ host: 'h:1', origin: 'not a url' }))).toBe(false);
  });
});
