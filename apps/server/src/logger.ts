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
