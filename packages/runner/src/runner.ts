import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { MaestroClient } from '@maestro/client';
import { isEndedSessionStatus, type RunnerClaimOutput, type RunnerCommand, type Session } from '@maestro/schemas';
import { errorCode, sessionGone, sleep, untilDone } from './retry.js';
import { sweepSessionDirs } from './session-dirs.js';
import { SessionProcess } from './session-process.js';
import { SilenceWatch } from './silence-watch.js';

export interface RunnerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RunnerOptions {
  client: MaestroClient;
  /** What agents get as MAESTRO_API_URL. */
  apiUrl: string;
  name: string;
  dataDir: string;
  binDir: string | null;
  baseEnv: NodeJS.ProcessEnv;
  composePrompt(claim: RunnerClaimOutput): Promise<string>;
  logger: RunnerLogger;
  /** Ended sessions' directories older than this are removed (at start, then hourly); Infinity keeps them. */
  retentionMs?: number;
  /** A terminal silent this long makes its session `idle` (heuristic); default 10 s. */
  idleMs?: number;
}

/**
 * The session host. Claims spawn requests, runs each agent in a PTY, streams
 * output, relays input, and keeps its lease with heartbeats. It talks to the
 * server only through the client, and a server that goes away costs nothing:
 * PTYs keep running, output waits, and everything is delivered in order on
 * reconnect.
 */
const SWEEP_EVERY_MS = 3_600_000;
/** SIGTERM, then SIGKILL 5 s later (SessionProcess.stop). */
const STOP_GRACE_MS = 5_000;
/** How long exit reports get once the processes are gone. */
const REPORT_GRACE_MS = 2_000;

export function createRunner(opts: RunnerOptions) {
  const { client, logger } = opts;
  const trpc = client.trpc;
  const sessions = new Map<string, SessionProcess>();
  /** Spawn requests from the claim call until their launch is over: reported in heartbeats and never claimed twice. */
  const claimed = new Set<string>();
  const stopping = new AbortController();
  // Every session's retries wait on this one signal (one listener per wait, removed as it ends): with
  // more than 10 sessions retrying through a server outage, Node's leak warning would be a false alarm.
  setMaxListeners(0, stopping.signal);
  let runnerId = '';
  let leaseMs = 30_000;
  const subscriptions: { unsubscribe(): void }[] = [];
  const launches = new Set<Promise<void>>();
  let beating: Promise<void> = Promise.resolve();
  let sweeper: NodeJS.Timeout | undefined;

  const retryLog = (what: string) => (error: unknown, attempt: number) => {
    if (attempt === 0 || attempt % 10 === 0) logger.warn({ err: String(error), attempt }, `${what}: retrying`);
  };

  async function register(): Promise<void> {
    const res = await untilDone(
      () => trpc.runner.register.mutate({ name: opts.name, hostname: hostname(), pid: process.pid, ...(runnerId ? { runnerId } : {}) }),
      { signal: stopping.signal, onRetry: retryLog('register') },
    );
    runnerId = res.runnerId;
    leaseMs = res.leaseMs;
  }

  async function heartbeatLoop(): Promise<void> {
    while (!stopping.signal.aborted) {
      await sleep(Math.max(250, Math.floor(leaseMs / 4)), stopping.signal);
      if (stopping.signal.aborted) return;
      try {
        const res = await trpc.runner.heartbeat.mutate({ runnerId, sessionIds: [...new Set([...sessions.keys(), ...claimed])] });
        for (const id of [...res.stop, ...res.unknown]) sessions.get(id)?.stop();
        // Claimed, but the answer never arrived: claim again (the server allows it for the same runner) and start it.
        for (const id of res.adopt) void claimAndLaunch(id);
      } catch (error) {
        if (errorCode(error) === 'NOT_FOUND') await register();
        // Otherwise the server is away: keep running, try again next beat.
      }
    }
  }

  async function finish(proc: SessionProcess, exit: { exitCode: number | null; signal: string | null; error: string | null }): Promise<void> {
    const sessionId = proc.claim.session.id;
    await proc.output.drain();
    await untilDone(() => trpc.runner.exit.mutate({ runnerId, sessionId, ...exit }), {
      signal: stopping.signal,
      onRetry: retryLog('exit report'),
      giveUp: sessionGone,
    });
    sessions.delete(sessionId);
    logger.info({ sessionId, ...exit }, 'session ended');
  }

  /** The silence heuristic for one session; reports go out one at a time, so they arrive in order. */
  function watchSilence(sessionId: string): SilenceWatch {
    let queue = Promise.resolve();
    return new SilenceWatch({
      idleMs: opts.idleMs ?? 10_000,
      report: (state, ageMs) => {
        queue = queue
          .then(() => trpc.session.attention.mutate({ id: sessionId, state, source: 'heuristic', ageMs }))
          // A heuristic is only a hint: one lost while the server is away is superseded by the next.
          .then(
            () => undefined,
            (error: unknown) => logger.warn({ sessionId, err: String(error) }, 'attention report failed'),
          );
      },
    });
  }

  async function launch(claim: RunnerClaimOutput): Promise<void> {
    const sessionId = claim.session.id;
    let proc: SessionProcess | null = null;
    const silence = watchSilence(sessionId);
    try {
      const prompt = await opts.composePrompt(claim);
      proc = new SessionProcess(claim, {
        apiUrl: opts.apiUrl,
        dataDir: opts.dataDir,
        binDir: opts.binDir,
        baseEnv: opts.baseEnv,
        prompt,
        onActivity: () => silence.output(),
        sendOutput: (chunks) =>
          untilDone(() => trpc.runner.output.mutate({ runnerId, sessionId, chunks }).then(() => undefined), {
            signal: stopping.signal,
            onRetry: retryLog('output'),
            giveUp: sessionGone,
          }).catch((error: unknown) => {
            // Nobody will ever see this agent's output: stop the agent too (the pipe drops what it holds).
            if (sessionGone(error)) proc?.stop();
            throw error;
          }),
      });
      sessions.set(sessionId, proc);
      const pid = await proc.start();
      logger.info({ sessionId, pid, agent: claim.session.agent }, 'session started');
      await untilDone(() => trpc.runner.started.mutate({ runnerId, sessionId, pid, workingDir: proc!.workingDir, branch: proc!.branch }), {
        signal: stopping.signal,
        onRetry: retryLog('started report'),
        giveUp: sessionGone,
      });
      await finish(proc, await proc.exited);
    } catch (error) {
      if (sessionGone(error)) return await letGo(sessionId, proc, error);
      const message = (error as Error).message;
      logger.warn({ sessionId, err: message }, 'session could not start');
      sessions.delete(sessionId);
      await untilDone(() => trpc.runner.exit.mutate({ runnerId, sessionId, exitCode: null, signal: null, error: message.slice(0, 2000) }), {
        signal: stopping.signal,
      }).catch(() => {});
    } finally {
      silence.dispose();
    }
  }

  /** The server refuses this session for good: end its agent and keep nothing of it (the pipe has dropped its output). */
  async function letGo(sessionId: string, proc: SessionProcess | null, error: unknown): Promise<void> {
    logger.info({ sessionId, err: String(error) }, 'session gone on the server: stopping it and dropping its output');
    if (proc?.pid) {
      proc.stop();
      await proc.exited;
    }
    sessions.delete(sessionId);
  }

  /** Removes the prompt/spill directories of sessions that ended longer ago than the retention. */
  async function sweepOldSessions(): Promise<void> {
    const olderThanMs = opts.retentionMs ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(olderThanMs)) return;
    const ended = async (id: string) => {
      if (sessions.has(id)) return false;
      try {
        return isEndedSessionStatus((await trpc.session.get.query({ id })).status);
      } catch (error) {
        return errorCode(error) === 'NOT_FOUND' ? ('unknown' as const) : false;
      }
    };
    const removed = (await sweepSessionDirs({ runnerDir: opts.dataDir, ended, olderThanMs })).filter((v) => v.removed).length;
    if (removed > 0) logger.info({ removed }, 'removed the directories of long-ended sessions');
  }

  function onSpawnRequest(session: Session): void {
    if (!session.runnerId) void claimAndLaunch(session.id);
  }

  async function claimAndLaunch(sessionId: string): Promise<void> {
    if (claimed.has(sessionId) || sessions.has(sessionId)) return;
    claimed.add(sessionId);
    try {
      const claim = await trpc.runner.claim.mutate({ runnerId, sessionId });
      const running = launch(claim).finally(() => {
        launches.delete(running);
        claimed.delete(sessionId);
      });
      launches.add(running);
    } catch (error) {
      claimed.delete(sessionId);
      // Another runner won it, or it was stopped first: not ours to start. A lost answer comes back as `adopt` in a heartbeat.
      if (errorCode(error) !== 'ALREADY_CLAIMED') logger.warn({ sessionId, err: String(error) }, 'claim failed');
    }
  }

  function onCommand(command: RunnerCommand): void {
    const proc = sessions.get(command.sessionId);
    if (!proc) return;
    if (command.kind === 'input') proc.write(command.data);
    else if (command.kind === 'resize') proc.resize(command.cols, command.rows);
    else proc.stop();
  }

  return {
    get id() {
      return runnerId;
    },
    get sessionIds() {
      return [...sessions.keys()];
    },
    async start(): Promise<void> {
      await register();
      subscriptions.push(
        trpc.runner.onSpawnRequest.subscribe(
          { runnerId },
          { onData: (s) => onSpawnRequest(s), onError: (e) => logger.error({ err: String(e) }, 'spawn subscription failed') },
        ),
        trpc.runner.onCommand.subscribe(
          { runnerId },
          { onData: (c) => onCommand(c), onError: (e) => logger.error({ err: String(e) }, 'command subscription failed') },
        ),
      );
      beating = heartbeatLoop();
      const sweep = () => void sweepOldSessions().catch((error: unknown) => logger.warn({ err: String(error) }, 'session directory sweep failed'));
      sweep();
      sweeper = setInterval(sweep, SWEEP_EVERY_MS);
      sweeper.unref();
      logger.info({ runnerId, name: opts.name, dataDir: join(opts.dataDir) }, 'runner ready');
    },
    /**
     * Stops every session (SIGTERM, then SIGKILL) and waits for the processes,
     * then briefly for their exit reports, then leaves. With the server away a
     * report cannot arrive: the lease marks those sessions lost, so it is not
     * worth waiting for (a SIGTERM must not take 15 s).
     */
    async stop(): Promise<void> {
      clearInterval(sweeper);
      const procs = [...sessions.values()];
      for (const proc of procs) proc.stop();
      await Promise.race([Promise.allSettled(procs.map((p) => p.exited)), sleep(STOP_GRACE_MS + 1_000)]);
      await Promise.race([Promise.allSettled([...launches]), sleep(REPORT_GRACE_MS)]);
      stopping.abort();
      for (const s of subscriptions) s.unsubscribe();
      await beating;
      client.close();
    },
  };
}
export type Runner = ReturnType<typeof createRunner>;
