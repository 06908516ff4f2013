// The process supervisor behind `npm start`: runs the server and one local
// runner as separate processes and keeps them running. The runner (and every
// agent it hosts) outlives a server crash; a dead child is restarted with
// backoff; a crash loop stops with a clear message; a signal stops the runner
// first (its agents get SIGTERM, then SIGKILL after the grace time, and their
// exits still reach the server), then the server.
import { spawn } from 'node:child_process';

/** Exits of one child within this window that count as a crash loop. */
export const CRASH_LOOP = { exits: 5, windowMs: 60_000 };
/** A child that stayed up this long starts its backoff from the beginning again. */
const STABLE_MS = 30_000;

/** Restart delay after the n-th quick exit in a row: 0.5 s, 1 s, 2 s, … capped at 10 s. */
export function restartDelay(attempt) {
  return Math.min(10_000, 500 * 2 ** attempt);
}

/** "exit code 1", "killed by SIGKILL": why a child stopped, for people. */
export function describeExit(code, signal) {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/**
 * A child the supervisor owns. It runs in its own process group, so a Ctrl-C
 * in the terminal reaches only the supervisor, which then stops the children
 * in order; an IPC channel tells it when the supervisor itself is gone (it
 * then shuts down instead of lingering).
 */
function startChild(spec, log) {
  const child = spawn(process.execPath, spec.args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...spec.env },
    detached: true,
  });
  child.on('error', (error) => log(`could not start the ${spec.name}: ${error.message}`));
  return child;
}

/**
 * Supervises `specs` ({ name, args, env, onExitNote?, needsReady? }), started
 * in order; `beforeStart(name, api)` may wait (e.g. for the server's /health
 * before the first runner) and call `api.markReady(name)`. A child with
 * `needsReady` that exits before it was ever marked ready is not restarted.
 * `done` resolves with the exit code the supervisor should exit with.
 */
export function supervise({ specs, beforeStart = async () => {}, log, stopGraceMs = 20_000, crashLoop = CRASH_LOOP }) {
  const state = new Map(specs.map((s) => [s.name, { spec: s, child: null, exits: [], quickExits: 0, startedAt: 0, timer: null, ready: false }]));
  let stopping = false;
  let resolveDone;
  const done = new Promise((r) => (resolveDone = r));

  function launch(entry) {
    if (stopping) return;
    entry.timer = null;
    entry.startedAt = Date.now();
    const child = startChild(entry.spec, log);
    entry.child = child;
    child.once('exit', (code, signal) => {
      entry.child = null;
      if (stopping) return;
      onUnexpectedExit(entry, code, signal);
    });
  }

  function onUnexpectedExit(entry, code, signal) {
    const now = Date.now();
    const { name } = entry.spec;
    if (entry.spec.needsReady && !entry.ready) {
      // It never came up: a configuration error (port taken, bad env), which a restart cannot fix.
      log(`the ${name} could not start (${describeExit(code, signal)}); see its message above.`);
      void stopAll(1);
      return;
    }
    entry.exits = [...entry.exits.filter((t) => now - t < crashLoop.windowMs), now];
    if (entry.exits.length >= crashLoop.exits) {
      log(
        `the ${name} exited ${entry.exits.length} times within ${Math.round(crashLoop.windowMs / 1000)} s (last: ${describeExit(code, signal)}). ` +
          `Not restarting it: fix the cause shown above, then run npm start again.`,
      );
      void stopAll(1);
      return;
    }
    if (now - entry.startedAt > STABLE_MS) entry.quickExits = 0;
    const delay = restartDelay(entry.quickExits++);
    const note = entry.spec.onExitNote ? ` ${entry.spec.onExitNote}` : '';
    log(`the ${name} exited unexpectedly (${describeExit(code, signal)}); restarting it in ${(delay / 1000).toFixed(1)} s.${note}`);
    entry.timer = setTimeout(() => launch(entry), delay);
  }

  function waitExit(child, ms) {
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      child.once('exit', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  /** Stops children in reverse start order (the runner before the server), each SIGTERM then SIGKILL. */
  async function stopAll(code) {
    if (stopping) return;
    stopping = true;
    for (const entry of [...state.values()].reverse()) {
      clearTimeout(entry.timer);
      const child = entry.child;
      if (!child) continue;
      child.kill('SIGTERM');
      if (!(await waitExit(child, stopGraceMs))) {
        log(`the ${entry.spec.name} did not stop within ${Math.round(stopGraceMs / 1000)} s; killing it (SIGKILL).`);
        killGroup(child, 'SIGKILL');
        await waitExit(child, 5_000);
      }
      // Anything it started in its own group goes too: nothing is left behind.
      killGroup(child, 'SIGKILL');
    }
    resolveDone(code);
  }

  /** Ends now: the second Ctrl-C. */
  function killAll() {
    for (const entry of state.values()) if (entry.child) killGroup(entry.child, 'SIGKILL');
  }

  async function begin() {
    for (const entry of state.values()) {
      try {
        await beforeStart(entry.spec.name, api);
      } catch (error) {
        log(error.message);
        await stopAll(1);
        return;
      }
      launch(entry);
    }
  }

  const api = {
    done,
    markReady: (name) => {
      const entry = state.get(name);
      if (entry) entry.ready = true;
    },
    stop: (code = 0) => stopAll(code),
    killAll,
    child: (name) => state.get(name)?.child ?? null,
    get stopping() {
      return stopping;
    },
  };
  void begin();
  return api;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
