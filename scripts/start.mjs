#!/usr/bin/env node
// `npm start`: the server and one local runner as separate processes under a
// supervisor (scripts/supervisor.mjs). A server crash never takes the runner
// or its agents with it: the server is restarted, the runner reconnects and
// delivers buffered output in order. Ctrl-C stops everything cleanly.
import { fileURLToPath } from 'node:url';
import { supervise } from './supervisor.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ?? '4800';
const host = process.env.HOST ?? '127.0.0.1';
const connectHost = host.includes(':') ? (host === '::' ? '127.0.0.1' : `[${host}]`) : host === '0.0.0.0' ? '127.0.0.1' : host;
const url = `http://${connectHost}:${port}`;
const graceMs = 5_000;

const log = (message) => process.stderr.write(`maestro: ${message}\n`);

async function waitForServer(api) {
  for (let i = 0; ; i++) {
    if (api.stopping) throw new Error('stopped before the server answered');
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (i === 1200) throw new Error(`the server did not answer at ${url}/health within 2 minutes; stopping.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const supervisor = supervise({
  log,
  specs: [
    {
      name: 'server',
      // V8's young generation is capped at 2 × 4 MB (Node's default lets it grow
      // to 2 × 16 MB and keeps that resident): under a burst of calls the server
      // grew from ~175 to ~235 MB RSS and stayed there; with the cap it stays
      // under 200 MB (bench/server-rss.bench.mjs) for a few % more CPU per call.
      args: ['--max-semi-space-size=4', `${root}apps/server/dist/main.js`],
      env: {},
      needsReady: true,
      onExitNote: 'The runner and its agents keep running.',
    },
    {
      name: 'runner',
      args: [`${root}packages/runner/dist/main.js`],
      // The runner puts this installation's `maestro` on its agents' PATH.
      env: { MAESTRO_API_URL: url, MAESTRO_CLI_PATH: `${root}apps/cli/bin/maestro.cjs` },
      onExitNote: 'Its agents ended with it; their sessions are marked lost once its lease runs out.',
    },
  ],
  beforeStart: async (name, api) => {
    if (name !== 'runner') return;
    await waitForServer(api);
    api.markReady('server');
  },
});

let signals = 0;
function onSignal(signal) {
  if (++signals > 1) {
    log(`${signal} again: killing everything now (SIGKILL).`);
    supervisor.killAll();
    process.exit(1);
  }
  log(
    `${signal}: stopping. The runner stops its agents (SIGTERM, then SIGKILL after ${graceMs / 1000} s) and reports their exits, then the server stops. ` +
      'Press Ctrl-C again to kill everything at once.',
  );
  void supervisor.stop(0);
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

const code = await supervisor.done;
log('stopped.');
process.exit(code);
