import { MaestroError, appRouter, type Auth } from '@maestro/api';
import { REQUEST_LIMITS } from '@maestro/schemas';
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import type { RawData, WebSocket } from 'ws';

/**
 * Bytes a WebSocket may hold unsent (in `ws` and the kernel's send buffer).
 * tRPC's adapter sends without looking: a client that stops reading while
 * events flow would grow the server's memory without bound. Past it the
 * socket is dropped; the client reconnects and resumes from its last event id.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** The close code a socket dropped for not reading gets (1013: try again later). */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;
/** A dropped socket gets this long to flush its close frame before it is cut. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Holds one socket to the limits: sends past MAX_BUFFERED_BYTES end it, and a
 * message with more calls than REQUEST_LIMITS.batchCalls is refused, each of
 * its calls answered TOO_LARGE (the typed client splits its batches below it).
 * Installed before tRPC sees the socket.
 */
export function guardSocket(socket: WebSocket, onSlow: (buffered: number) => void): void {
  const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
  let shed = false;
  socket.send = ((data: unknown, ...rest: unknown[]) => {
    if (shed) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      shed = true;
      onSlow(socket.bufferedAmount);
      socket.close(SLOW_CONSUMER_CLOSE_CODE, 'too slow: stopped reading; reconnect and resume');
      // The client is not reading, so it will not read the close frame either: free its buffers.
      setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
      return;
    }
    send(data, ...rest);
  }) as WebSocket['send'];

  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'message') {
      const ids = oversizeBatch(args[0] as RawData);
      if (ids) {
        refuseBatch(socket, ids);
        return true;
      }
    }
    return emit(event, ...args);
  }) as WebSocket['emit'];
}

/** The ids of a batch over the limit; null for anything else (tRPC parses and judges it). */
function oversizeBatch(data: RawData): unknown[] | null {
  const text = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
  // Only a JSON array can be a batch; a cheap look before parsing anything.
  if (text[0] !== 0x5b) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length <= REQUEST_LIMITS.batchCalls) return null;
  return parsed.map((m) => (m && typeof m === 'object' && 'id' in m ? (m as { id: unknown }).id : null));
}

export function batchTooLarge(calls: number): MaestroError {
  return new MaestroError('TOO_LARGE', `${calls} calls in one request: at most ${REQUEST_LIMITS.batchCalls} are taken; none was run`, {
    hint: `Send at most ${REQUEST_LIMITS.batchCalls} calls per request (the typed client splits its batches by itself).`,
    details: { limit: 'batchCalls', max: REQUEST_LIMITS.batchCalls, calls },
  });
}

function refuseBatch(socket: WebSocket, ids: unknown[]): void {
  const error = new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'batch too large', cause: batchTooLarge(ids.length) });
  const shape = getErrorShape({ config: appRouter._def._config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined });
  // One message per answer: tRPC's client reads one response per message.
  for (const id of ids) socket.send(JSON.stringify({ id, jsonrpc: '2.0', error: shape }));
}

/** WebSockets one session token or named token may hold open; the server token (the owner's) is not counted. */
export const MAX_SOCKETS_PER_CREDENTIAL = 32;

/**
 * Counts open WebSockets per credential, so one agent's token cannot open
 * sockets (each with its subscriptions) without end. A slot is freed when the
 * TCP connection closes, whether or not its upgrade completed.
 */
export function createSocketCounter(max = MAX_SOCKETS_PER_CREDENTIAL) {
  const open = new Map<string, number>();
  return {
    /** False when the credential already holds `max` sockets: refuse the upgrade (429). */
    admit(auth: Auth, connection: { once(event: 'close', listener: () => void): unknown }): boolean {
      const key = auth.kind === 'session' ? auth.sessionId : auth.kind === 'token' ? auth.tokenId : null;
      if (key === null) return true;
      const n = open.get(key) ?? 0;
      if (n >= max) return false;
      open.set(key, n + 1);
      connection.once('close', () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      });
      return true;
    },
  };
}
