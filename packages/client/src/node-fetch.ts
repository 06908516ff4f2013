import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

interface MinimalInit {
  method?: string;
  headers?: Record<string, string> | [string, string][] | Headers;
  body?: string | null;
  signal?: AbortSignal | null;
}

function headerRecord(headers: MinimalInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  if (typeof (headers as Headers).forEach === 'function' && !(headers as Record<string, string>)['content-type']) {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((v, k) => (out[k] = v));
    return out;
  }
  return headers as Record<string, string>;
}

/**
 * A small fetch over node:http. Node 20's global fetch loads undici on first
 * use, which costs a one-shot CLI process ~150 ms; this costs almost nothing.
 * Covers what tRPC's HTTP links use: method, headers, string body, JSON/text reply.
 */
export function nodeFetch(input: string | URL | Request, init: MinimalInit = {}) {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<{
    ok: boolean;
    status: number;
    statusText: string;
    headers: { get(name: string): string | null };
    json(): Promise<unknown>;
    text(): Promise<string>;
  }>((resolve, reject) => {
    const req = send(url, { method: init.method ?? 'GET', headers: headerRecord(init.headers), signal: init.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          status,
          statusText: res.statusMessage ?? '',
          headers: { get: (name) => (res.headers[name.toLowerCase()] as string | undefined) ?? null },
          json: async () => JSON.parse(text) as unknown,
          text: async () => text,
        });
      });
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}
