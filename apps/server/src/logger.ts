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

/**
 * The ids a log line about one call carries: the request's `x-request-id`
 * (a proxy's, or a fresh one) and the project, session, task and runner ids
 * in its input. Only ids: an input may hold secrets.
 */
export function callIds(input: unknown, req?: { headers?: Record<string, string | string[] | undefined> }): Record<string, string> {
  const header = req?.headers?.['x-request-id'];
  const ids: Record<string, string> = { requestId: (Array.isArray(header) ? header[0] : header) || randomUUID() };
  if (input && typeof input === 'object') {
    for (const field of ID_FIELDS) {
      const value = (input as Record<string, unknown>)[field];
      if (typeof value === 'string') ids[field] = value;
    }
  }
  return ids;
}
