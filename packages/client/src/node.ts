import WebSocket from 'ws';
import { createMaestroClient, type MaestroClient, type MaestroClientOptions } from './index.js';
import { nodeFetch } from './node-fetch.js';

export * from './index.js';
export { nodeFetch } from './node-fetch.js';
export { ensurePrivateDir } from './private-dir.js';

/** `ws` with the bearer token on the upgrade request, where the server checks it. */
function authedWebSocket(token: string | undefined): typeof globalThis.WebSocket {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  class AuthedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return AuthedWebSocket as unknown as typeof globalThis.WebSocket;
}

/** The client for Node processes (CLI, runner, tests): `ws` for subscriptions and a light fetch. */
export function createNodeClient(options: Omit<MaestroClientOptions, 'WebSocket' | 'fetch'>): MaestroClient {
  return createMaestroClient({
    ...options,
    WebSocket: authedWebSocket(options.token),
    fetch: nodeFetch as unknown as NonNullable<MaestroClientOptions['fetch']>,
  });
}
