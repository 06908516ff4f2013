import { closeSync, constants as fsConstants, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import * as pty from '@lydell/node-pty';
import type { RunnerClaimOutput } from '@maestro/schemas';
import { commandFor, missingBinaryError, missingWorkingDirError, shellFailure } from './adapters.js';
import { installHooks } from './hooks.js';
import { OutputPipe } from './output-pipe.js';
import { addWorktree, branchName } from './worktree.js';

export interface SessionProcessDeps {
  apiUrl: string;
  dataDir: string;
  /** Directory with the `maestro` shim, prepended to PATH. */
  binDir: string | null;
  baseEnv: NodeJS.ProcessEnv;
  prompt: string;
  sendOutput(chunks: { seq: number; data: string }[]): Promise<void>;
  /** Called for every chunk the terminal writes (the silence heuristic). */
  onActivity?(): void;
}

export interface SessionExit {
  exitCode: number | null;
  signal: string | null;
  error: string | null;
}

const STOP_GRACE_MS = 5_000;

function signalName(signal: number): string {
  return Object.entries(constants.signals).find(([, n]) => n === signal)?.[0] ?? `signal ${signal}`;
}

/** Longest a dead agent's terminal is read for output still in the kernel buffer. */
const DRAIN_AFTER_EXIT_MS = 5_000;
/** Output quiet for this long after exit means the buffer is empty. */
const QUIET_MS = 50;
/** …and this many turns of the event loop in a row read nothing (see keepReadingAfterExit). */
const QUIET_TURNS = 3;

type PtyInternals = { _socket?: NodeJS.ReadableStream & { destroy(): void; destroyed: boolean }; _pty?: string };

/**
 * Without this an agent's last output can be lost: when its process exits the
 * terminal's slave side closes, and reads of the master fail (EIO) while
 * kilobytes are still buffered; node-pty also destroys the stream 200 ms after
 * exit. So the runner holds the slave open itself, lets node-pty's post-exit
 * destroy only start a drain, and lets go once output has gone quiet: the
 * stream then ends by itself and node-pty reports the exit.
 */
function keepReadingAfterExit(term: pty.IPty): void {
  const { _socket: socket, _pty: slavePath } = term as unknown as PtyInternals;
  if (!socket || !slavePath) return;
  let slave: number | null = null;
  try {
    slave = openSync(slavePath, fsConstants.O_RDWR | fsConstants.O_NOCTTY);
  } catch {
    return;
  }
  const release = () => {
    if (slave !== null) closeSync(slave);
    slave = null;
  };
  let lastData = Date.now();
  let reads = 0;
  socket.on('data', () => {
    lastData = Date.now();
    reads++;
  });
  // Quiet by the clock is not enough on a busy process: its event loop may not have read for 50 ms
  // while the terminal still holds kilobytes. Each turn of the loop polls the master for readable
  // data before setImmediate callbacks run, so a few turns in a row without a read mean it is empty.
  const emptyAfterTurns = (turns: number, then: (empty: boolean) => void) => {
    const before = reads;
    const turn = (left: number) => {
      if (reads !== before) return then(false);
      if (left === 0) return then(true);
      setImmediate(() => turn(left - 1));
    };
    setImmediate(() => turn(turns));
  };
  const destroy = socket.destroy.bind(socket);
  let draining = false;
  // node-pty calls this once the child has exited; from here, drain and then let go.
  socket.destroy = () => {
    if (socket.destroyed) return;
    // The second call comes from node-pty's EIO handling once we have let go: really destroy now.
    if (draining) {
      if (slave === null) destroy();
      return;
    }
    draining = true;
    const hardStop = setTimeout(() => {
      release();
      destroy();
    }, DRAIN_AFTER_EXIT_MS);
    let checking = false;
    const poll = setInterval(() => {
      if (checking || Date.now() - lastData < QUIET_MS) return;
      checking = true;
      emptyAfterTurns(QUIET_TURNS, (empty) => {
        checking = false;
        if (!empty) return;
        clearInterval(poll);
        release();
      });
    }, QUIET_MS / 2);
    socket.once('close', () => {
      clearTimeout(hardStop);
      clearInterval(poll);
      release();
    });
  };
}

/** The environment an agent gets: who it is, where Maestro is, and a PATH on which `maestro` resolves. */
export function agentEnv(claim: RunnerClaimOutput, deps: SessionProcessDeps, promptFile: string): Record<string, string> {
  const { session } = claim;
  const path = [deps.binDir, deps.baseEnv.PATH].filter(Boolean).join(':');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(deps.baseEnv)) if (v !== undefined && !k.startsWith('MAESTRO_')) env[k] = v;
  return {
    ...env,
    PATH: path,
    TERM: 'xterm-256color',
    MAESTRO_API_URL: deps.apiUrl,
    MAESTRO_TOKEN: claim.token,
    MAESTRO_PROJECT_ID: session.projectId,
    MAESTRO_SESSION_ID: session.id,
    MAESTRO_TASK_IDS: session.taskIds.join(','),
    MAESTRO_SKILL: session.skill ?? '',
    MAESTRO_ROLE: session.role,
    MAESTRO_PROMPT_FILE: promptFile,
  };
}

/**
 * One agent in one PTY: working directory (or a fresh worktree), prompt file,
 * environment, output pipe, input, resize and a stop that escalates from
 * SIGTERM to SIGKILL.
 */
export class SessionProcess {
  readonly output: OutputPipe;
  private term: pty.IPty | null = null;
  private killTimer: NodeJS.Timeout | null = null;
  private ended = false;
  readonly exited: Promise<SessionExit>;
  private resolveExit!: (exit: SessionExit) => void;
  workingDir = '';
  branch: string | null = null;

  constructor(
    readonly claim: RunnerClaimOutput,
    private readonly deps: SessionProcessDeps,
  ) {
    const dir = join(deps.dataDir, 'sessions', claim.session.id);
    this.output = new OutputPipe({ spillDir: join(dir, 'spill'), send: (chunks) => deps.sendOutput(chunks) });
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  get pid(): number | null {
    return this.term?.pid ?? null;
  }

  /** Starts the agent; resolves with its pid, or rejects with an error a person can act on. */
  async start(): Promise<number> {
    const { session, project, tasks } = this.claim;
    const dir = join(this.deps.dataDir, 'sessions', session.id);
    mkdirSync(dir, { recursive: true });
    this.workingDir = project.workingDir;
    const noDir = missingWorkingDirError(project.workingDir);
    if (noDir) throw new Error(noDir);
    if (session.worktree) {
      this.branch = branchName(tasks[0]?.title ?? session.name, session.id);
      this.workingDir = join(this.deps.dataDir, 'worktrees', session.id);
      await addWorktree(project.workingDir, this.workingDir, this.branch);
    }
    const promptFile = join(dir, 'prompt.md');
    writeFileSync(promptFile, this.deps.prompt, { mode: 0o600 });
    const hooks = installHooks(session.agent, dir);
    const env = { ...agentEnv(this.claim, this.deps, promptFile), ...hooks.env };
    const launch = commandFor({
      agent: session.agent,
      command: session.command,
      prompt: this.deps.prompt,
      promptFile,
      shell: env.SHELL || '/bin/bash',
      hookArgs: hooks.args,
    });
    const missing = missingBinaryError(session.agent, launch, env.PATH ?? '');
    if (missing) throw new Error(missing);
    try {
      // Raw bytes (encoding null): output is stored and replayed byte for byte, never re-decoded.
      this.term = pty.spawn(launch.file, launch.args, {
        name: 'xterm-256color',
        cols: session.cols,
        rows: session.rows,
        cwd: this.workingDir,
        env,
        encoding: null,
      });
    } catch (error) {
      throw new Error(`Could not start ${launch.display} in ${this.workingDir}: ${(error as Error).message}`);
    }
    keepReadingAfterExit(this.term);
    this.term.onData((data: string | Buffer) => {
      this.output.write(data);
      this.deps.onActivity?.();
    });
    this.term.onExit(({ exitCode, signal }) => {
      this.ended = true;
      if (this.killTimer) clearTimeout(this.killTimer);
      this.resolveExit({
        exitCode: signal ? null : exitCode,
        signal: signal ? signalName(signal) : null,
        error: shellFailure(session.agent, launch.display, exitCode),
      });
    });
    return this.term.pid;
  }

  write(data: string): void {
    this.term?.write(data);
  }

  resize(cols: number, rows: number): void {
    this.term?.resize(cols, rows);
  }

  stop(): void {
    // After the exit a late SIGKILL could hit another process that reused the pid.
    if (!this.term || this.killTimer || this.ended) return;
    this.term.kill('SIGTERM');
    this.killTimer = setTimeout(() => this.term?.kill('SIGKILL'), STOP_GRACE_MS);
    this.killTimer.unref();
  }
}
