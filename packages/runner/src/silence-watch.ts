/**
 * The terminal heuristic, run where the terminal is. The runner sees every
 * byte the moment the PTY writes it (before batching, and while the server is
 * away), and one timer per session belongs beside the process it watches:
 * server processes stay stateless, so several can share the load. The runner
 * only reports what it saw (silent for a while → idle; output again →
 * working, with how long ago it happened); the server decides, atomically,
 * whether that beats what the agent or its hooks said (see nextAttention).
 * Input typed by a person is the server's to see (`session.sendInput`).
 */
export interface SilenceWatchOptions {
  /** Silence this long means idle. */
  idleMs: number;
  report(state: 'idle' | 'working', ageMs: number): void;
  now?: () => number;
}

export class SilenceWatch {
  private last: number;
  private silent = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: SilenceWatchOptions) {
    this.now = opts.now ?? Date.now;
    this.last = this.now();
    this.schedule(opts.idleMs);
  }

  /** Output arrived: cheap, since it runs for every chunk; only the end of a silence reports. */
  output(): void {
    this.last = this.now();
    if (!this.silent) return;
    this.silent = false;
    this.opts.report('working', 0);
    this.schedule(this.opts.idleMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref();
  }

  private check(): void {
    const quiet = this.now() - this.last;
    if (quiet < this.opts.idleMs) return this.schedule(this.opts.idleMs - quiet);
    this.silent = true;
    this.timer = null;
    this.opts.report('idle', quiet);
  }
}
