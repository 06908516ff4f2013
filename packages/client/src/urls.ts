import { TRPC_PATH } from '@maestro/schemas/defaults';

export { TRPC_PATH };

/** http://host:port → ws://host:port/trpc (https → wss), optionally carrying the token. */
export function toWebSocketUrl(baseUrl: string, token?: string): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + TRPC_PATH);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.toString();
}
