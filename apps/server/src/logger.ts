import pino from 'pino';

/** JSON logs on stdout. Credentials are redacted wherever they might appear. */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      base: { service: 'maestro-server' },
      redact: { paths: ['req.headers.authorization', 'token', '*.token', 'headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
export type Logger = pino.Logger;
