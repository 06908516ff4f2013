import { REQUEST_LIMITS } from '@maestro/schemas';
import { backoffDelay } from './backoff.js';

/** What a dashboard shows: the WebSocket's state, named for people. */
export type ConnectionState =
  /** No WebSocket is needed yet (subscriptions open one lazily), or it was closed on purpose. */
  | 'idle'
  /** Opening the first connection. */
  | 'connecting'
  | 'connected'
  /** The connection dropped (or was found dead); trying again with backoff. Subscriptions resume. */
  | 'reconnecting'
  /** Gave up after `maxReconnectAttempts`; `reconnect()` tries again. Subscriptions stay registered. */
  | 'disconnected';

export interface HeartbeatOptions {
  /** A ping goes out after this long without a message from the server. */
  pingIntervalMs: number;
  /** No message at all this long after a ping: the connection is dead. */
  pongTimeoutMs: number;
  /** An opening handshake that takes longer than this is given up (a stalled path). */
  openTimeoutMs: number;
}

/** Detects a silently dead connection within ping + pong (7 s) of its last message. */
export const DEFAULT_HEARTBEAT: HeartbeatOptions = { pingIntervalMs: 5_000, pongTimeoutMs: 2_000, openTimeoutMs: 10_000 };

type Listener = (this: unknown, event: unknown) => void;
type RealSocket = Pick<WebSocket, 'readyState' | 'send' | 'close' | 'addEventListener' | 'removeEventListener'> & {
  binaryType: string;
  terminate?: () => void;
};

export interface ConnectionOptions {
  /** Opens the real socket: the browser's WebSocket, or `ws` with headers in Node. */
  open(url: string): RealSocket;
  heartbeat?: Partial<HeartbeatOptions>;
  /** Consecutive failed attempts after which the state becomes `disconnected` and attempts pause. */
  maxReconnectAttempts?: number;
  onState?: (state: ConnectionState) => void;
  /** Told when an attempt fails without ever opening (a client with several servers moves to the next). */
  onAttemptFailed?: () => void;
}

const EVENT_TYPES = ['open', 'message', 'close', 'error'] as const;

/**
 * Owns the WebSocket underneath tRPC's client, which gets it through the
 * `WebSocket` option (a class). It adds what tRPC lacks or gets wrong for us:
 * heartbeats that notice a frozen server or a dropped path in seconds (tRPC's
 * own waits for the closing handshake, ~30 s more on a dead path, so here a
 * dead socket is dropped at once); a bounded opening handshake; a cap on
 * consecutive attempts, after which new attempts wait until `reconnect()`;
 * and the connection state. Pending subscriptions stay in tRPC's client, so
 * they are re-sent with their last event id when a connection opens again.
 */
export function createConnection(options: ConnectionOptions) {
  const hb = { ...DEFAULT_HEARTBEAT, ...options.heartbeat };
  let state: ConnectionState = 'idle';
  let everOpened = false;
  let failures = 0;
  let closedByUser = false;
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  /** The latest socket: only it speaks for the connection's state (an old one may finish closing later). */
  let current = 0;
  let sockets = 0;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    options.onState?.(next);
  };

  function waitForGate(): Promise<void> {
    if (!gate) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
    }
    return gate.promise;
  }

  /** The socket class tRPC instantiates for each attempt. */
  class ManagedSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;

    private real: RealSocket | null = null;
    private dead = false;
    private opened = false;
    private readonly listeners = new Map<string, Set<Listener>>();
    private readonly relays = new Map<string, (event: unknown) => void>();
    private pingTimer: ReturnType<typeof setTimeout> | undefined;
    private pongTimer: ReturnType<typeof setTimeout> | undefined;
    private openTimer: ReturnType<typeof setTimeout> | undefined;
    private closing = false;
    private readonly id = ++sockets;
    binaryType = 'arraybuffer';

    constructor(private readonly url: string) {
      current = this.id;
      const capped = options.maxReconnectAttempts !== undefined && failures >= options.maxReconnectAttempts;
      if (closedByUser || capped) {
        if (capped) setState('disconnected');
        void waitForGate().then(() => this.start());
      } else {
        // Deferred: tRPC adds its listeners right after constructing.
        setTimeout(() => this.start(), 0);
      }
    }

    get readyState(): number {
      if (this.dead) return ManagedSocket.CLOSED;
      return this.real ? this.real.readyState : ManagedSocket.CONNECTING;
    }

    addEventListener(type: string, listener: Listener): void {
      let set = this.listeners.get(type);
      if (!set) this.listeners.set(type, (set = new Set()));
      set.add(listener);
    }

    removeEventListener(type: string, listener: Listener): void {
      this.listeners.get(type)?.delete(listener);
    }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (!this.real || this.dead) throw new Error('WebSocket is not open');
      for (const message of splitBatch(data)) this.real.send(message);
    }

    close(code?: number, reason?: string): void {
      if (this.dead) return;
      this.closing = true;
      if (!this.real) return this.finish({ code: code ?? 1000, reason: reason ?? '', wasClean: true });
      // A close on purpose (idle, client closed): the closing handshake is fine to wait for.
      this.real.close(code, reason);
    }

    private emit(type: string, event: unknown): void {
      for (const listener of [...(this.listeners.get(type) ?? [])]) listener.call(this, event);
    }

    private start(): void {
      if (this.dead) return;
      if (this.id === current) setState(everOpened ? 'reconnecting' : 'connecting');
      let real: RealSocket;
      try {
        real = options.open(this.url);
      } catch (error) {
        // A failed attempt: finish() counts it (once) and tells onAttemptFailed.
        this.emit('error', { type: 'error', error });
        this.finish({ code: 1006, reason: String(error), wasClean: false });
        return;
      }
      this.real = real;
      real.binaryType = this.binaryType;
      for (const type of EVENT_TYPES) {
        const relay = (event: unknown) => this.onReal(type, event);
        this.relays.set(type, relay);
        real.addEventListener(type, relay);
      }
      this.openTimer = setTimeout(() => this.kill(`no answer to the WebSocket handshake within ${hb.openTimeoutMs} ms`), hb.openTimeoutMs);
    }

    /** Its relays are removed when it finishes, so a dead socket hears nothing more from the real one. */
    private onReal(type: (typeof EVENT_TYPES)[number], event: unknown): void {
      if (type === 'open') {
        clearTimeout(this.openTimer);
        this.opened = true;
        everOpened = true;
        failures = 0;
        if (this.id === current) setState('connected');
        this.armPing();
        this.emit('open', event);
        return;
      }
      if (type === 'message') {
        // Any message proves the path is alive; our PONGs are for us alone.
        clearTimeout(this.pongTimer);
        this.armPing();
        if ((event as { data?: unknown }).data === 'PONG') return;
        this.emit('message', event);
        return;
      }
      if (type === 'error') {
        this.emit('error', event);
        return;
      }
      this.finish(event);
    }

    private armPing(): void {
      clearTimeout(this.pingTimer);
      // Armed once open (so `real` is set); finish() clears it.
      this.pingTimer = setTimeout(() => {
        try {
          this.real!.send('PING');
        } catch {
          // a socket that cannot send is about to close anyway
        }
        this.pongTimer = setTimeout(() => this.kill(`no message within ${hb.pongTimeoutMs} ms of a ping`), hb.pongTimeoutMs);
      }, hb.pingIntervalMs);
    }

    /**
     * Declares the connection dead now, without waiting for a closing handshake a dead path never
     * completes. Only the open and pong timers call it, and finish() clears them.
     */
    private kill(reason: string): void {
      const real = this.real;
      if (!this.opened) this.emit('error', { type: 'error', message: reason });
      this.finish({ code: 4000, reason, wasClean: false });
      if (real) {
        // Its late events (an abort error in Node's `ws`) are no one's business now, but must not go unheard.
        real.addEventListener('error', () => {});
        try {
          if (real.terminate) real.terminate();
          else real.close(4000, 'heartbeat timeout');
        } catch {
          // already closing
        }
      }
    }

    /** Called once: every caller (close, start, the real socket's close, kill) runs only while the socket is not dead. */
    private finish(event: unknown): void {
      this.dead = true;
      clearTimeout(this.pingTimer);
      clearTimeout(this.pongTimer);
      clearTimeout(this.openTimer);
      if (this.real) for (const [type, relay] of this.relays) this.real.removeEventListener(type, relay);
      if (!this.opened) {
        failures++;
        options.onAttemptFailed?.();
      }
      if (this.id === current) {
        // Closed on purpose (idle, or the client closed): `idle`. Dropped: tRPC reconnects and resumes.
        if (this.closing || closedByUser) setState('idle');
        else if (this.opened) setState('reconnecting');
      }
      this.emit('close', event);
    }
  }

  return {
    WebSocket: ManagedSocket as unknown as typeof globalThis.WebSocket,
    state: () => state,
    /** Attempts may proceed again (after `disconnected`, or after close()). */
    reconnect(): void {
      closedByUser = false;
      failures = 0;
      const g = gate;
      gate = null;
      g?.open();
    },
    markClosed(): void {
      closedByUser = true;
    },
    /** tRPC asks how long to wait before attempt n; ours counts consecutive failures. */
    retryDelayMs: (): number => (failures === 0 ? 0 : backoffDelay(failures - 1, 250, 10_000)),
  };
}

export type Connection = ReturnType<typeof createConnection>;

/**
 * tRPC sends every request queued in one tick as one message (a reconnect
 * resends every subscription at once); the server refuses a message with more
 * than REQUEST_LIMITS.batchCalls calls, so longer batches go as several.
 */
function splitBatch<T>(data: T | string): (T | string)[] {
  if (typeof data !== 'string' || !data.startsWith('[')) return [data];
  const calls = JSON.parse(data) as unknown[];
  if (calls.length <= REQUEST_LIMITS.batchCalls) return [data];
  const parts: string[] = [];
  for (let i = 0; i < calls.length; i += REQUEST_LIMITS.batchCalls) parts.push(JSON.stringify(calls.slice(i, i + REQUEST_LIMITS.batchCalls)));
  return parts;
}
