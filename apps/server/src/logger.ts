import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { ErrorReporter } from './error-reporting.js';

export interface LoggerOptions {
  /** Human-readable lines (pino-pretty, a dev dependency): development on a terminal only. */
  pretty?: boolean;
  /** Gets every `error`/`fatal` line that carries an `err` (see error-reporting.ts). */
  reportError?: ErrorReporter | null;
}

const ERROR_LEVEL = 50;

/** JSON logs on stdout. Credentials are redacted wherever they might appear. */
export function createLogger(level: string, destination?: pino.DestinationStream, options: LoggerOptions = {}) {
  const { reportError } = options;
  const settings: pino.LoggerOptions = {
    level,
    base: { service: 'maestro-server' },
    redact: { paths: ['req.headers.authorization', 'token', '*.token', 'headers.authorization'], censor: '[redacted]' },
    ...(reportError
      ? {
          hooks: {
            logMethod(args, method, levelValue) {
              const [first] = args as unknown[];
              if (levelValue >= ERROR_LEVEL && first && typeof first === 'object' && 'err' in first) {
                const { err, ...context } = first as Record<string, unknown>;
                reportError(err, { ...context, msg: typeof args[1] === 'string' ? args[1] : undefined });
              }
              return method.apply(this, args);
            },
          },
        }
      : {}),
  };
  if (options.pretty && !destination)
    return pino({ ...settings, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l' } } });
  return pino(settings, destination);
}
export type Logger = pino.Logger;

const ID_FIELDS = ['projectId', 'sessionId', 'taskId', 'runnerId'] as const;

type Request = { headers?: Record<string, string | string[] | undefined> };
const requestIds = new WeakMap<object, string>();

/**
 * A request's id: its `x-request-id` (a proxy's) or a fresh one, the same
 * for every line about it. On a WebSocket the upgrade request's id names the
 * connection and every call on it.
 */
export function requestIdOf(req?: Request): string {
  const known = req && requestIds.get(req);
  if (known) return known;
  const header = req?.headers?.['x-request-id'];
  const id = (Array.isArray(header) ? header[0] : header) || randomUUID();
  if (req) requestIds.set(req, id);
  return id;
}

/** An entity's own `id` in an input (`task.get({ id })`), named by its prefix. */
const ID_BY_PREFIX: Record<string, (typeof ID_FIELDS)[number]> = { prj: 'projectId', tsk: 'taskId', ses: 'sessionId', run: 'runnerId' };

/** The ids an input names (project, session, task, runner). Only ids: an input may hold secrets. */
export function inputIds(input: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  if (!input || typeof input !== 'object') return ids;
  const fields = input as Record<string, unknown>;
  const own = typeof fields.id === 'string' ? ID_BY_PREFIX[fields.id.split('_')[0] ?? ''] : undefined;
  if (own) ids[own] = fields.id as string;
  for (const field of ID_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string') ids[field] = value;
  }
  return ids;
}

type AuthLike = { kind: 'admin' } | { kind: 'session'; sessionId: string; projectId: string } | { kind: 'token'; name: string } | null | undefined;

/**
 * The ids a call's log lines carry: its request's id, then whom a session
 * token acts for (its session and project) or a named token's name, then the
 * ids its input names (which win: a line says what the call was about).
 */
export function lineIds(req: Request | undefined, auth: AuthLike, input?: unknown): Record<string, string> {
  const who: Record<string, string> =
    auth?.kind === 'session' ? { sessionId: auth.sessionId, projectId: auth.projectId } : auth?.kind === 'token' ? { tokenName: auth.name } : {};
  return { requestId: requestIdOf(req), ...who, ...inputIds(input) };
}
