/**
 * What server, runner, CLI and client assume when nothing is configured: one
 * value each, so a server started with no settings is where every client
 * looks for it.
 */

/** Where the tRPC API is mounted, for HTTP and WebSocket alike. */
export const TRPC_PATH = '/trpc';

/** The port a server listens on, and clients look for, when PORT is unset. */
export const DEFAULT_PORT = 4800;

/** Loopback unless told otherwise: a server can start processes. */
export const DEFAULT_HOST = '127.0.0.1';

/** Where clients find a server started with no settings. */
export const DEFAULT_API_URL = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;

/** pino's levels, plus `silent`: what LOG_LEVEL accepts (server and runner). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
