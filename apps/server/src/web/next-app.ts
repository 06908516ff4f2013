import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

/** The dashboard as the HTTP server sees it: Next's request handler and (in dev) its HMR upgrades. */
export interface WebApp {
  mode: 'production' | 'development';
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** The part of Next's custom-server API used here. */
type NextFactory = (options: { dir: string; dev: boolean; hostname: string; port: number; quiet: boolean; webpack: boolean }) => {
  prepare(): Promise<void>;
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  getUpgradeHandler(): (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  close(): Promise<void>;
};

/** True when `next build` has run in the dashboard's directory. */
export function webBuildExists(dir: string, distDir: string): boolean {
  return existsSync(join(dir, distDir, 'BUILD_ID'));
}

/**
 * Loads Next in this process so the dashboard and the API share one port and one
 * origin (the cookie and the WebSocket Origin check rely on that). Next is
 * imported lazily: a server without the dashboard never loads it.
 */
export async function createWebApp(opts: { dir: string; dev: boolean; hostname: string; port: number }): Promise<WebApp> {
  // A computed specifier keeps Next's global type augmentations (e.g. a required NODE_ENV) out of the server's types.
  const specifier = 'next';
  const { default: next } = (await import(specifier)) as { default: NextFactory };
  // webpack: see apps/web/next.config.ts (workspace packages import .js for .ts).
  const app = next({ dir: opts.dir, dev: opts.dev, hostname: opts.hostname, port: opts.port, quiet: !opts.dev, webpack: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  return {
    mode: opts.dev ? 'development' : 'production',
    handle: (req, res) => handle(req, res),
    upgrade: (req, socket, head) => upgrade(req, socket, head),
    close: () => app.close(),
  };
}
