import { existsSync } from 'node:fs';
import { sleep } from './retry.js';

type Say = (message: string) => void;

/**
 * Waits for the local server to write its token file (first start: the runner
 * may come up before the server has made one). Says once what it waits for.
 */
export async function waitForTokenFile(path: string, say: Say, signal?: AbortSignal): Promise<void> {
  if (existsSync(path)) return;
  say(`waiting for the server to create its token at ${path} (set MAESTRO_TOKEN to use another server's token)`);
  while (!existsSync(path) && !signal?.aborted) await sleep(250, signal);
}

/**
 * Waits until something answers HTTP at `url`/health (200 or 503: a server
 * whose database is down is still there to register with). Says once, then
 * every 30 s, what it waits for.
 */
export async function waitForServer(url: string, say: Say, signal?: AbortSignal): Promise<void> {
  const started = Date.now();
  let said = -1;
  while (!signal?.aborted) {
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (said >= 0) say(`the server at ${url} answered`);
      return;
    } catch {
      const waited = Math.floor((Date.now() - started) / 30_000);
      if (waited > said) {
        said = waited;
        say(`waiting for the server at ${url}${waited ? ` (${waited * 30} s so far)` : ''}; start it with npm start or npm run dev`);
      }
    }
    await sleep(250, signal);
  }
}
