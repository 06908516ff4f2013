import { ERROR_CODES } from '@maestro/schemas/errors';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, test } from 'vitest';
import { CliError, EXIT, exitCodeFor, networkCause, toErrorBody } from './errors.js';

const ctx = { url: 'http://127.0.0.1:4800', tokenSource: 'from MAESTRO_TOKEN' };

/** What the client throws when the server answers with a Maestro error. */
function serverError(code: string, httpStatus: number, extra: Record<string, unknown> = {}) {
  return new TRPCClientError('refused', {
    result: { error: { code: -32600, message: 'refused', data: { httpStatus, maestro: { code, message: `${code} happened`, ...extra } } } },
  });
}

describe('exit codes', () => {
  test.each([
    ['VALIDATION', 1],
    ['NOT_FOUND', 2],
    ['NOTHING_READY', 2],
    ['NETWORK', 3],
    ['UNAUTHORIZED', 4],
    ['FORBIDDEN', 4],
    ['VERSION_CONFLICT', 5],
    ['INVALID_TRANSITION', 5],
    ['CYCLE', 5],
    ['ALREADY_CLAIMED', 5],
    ['ALREADY_EXISTS', 5],
    ['HAS_CHILDREN', 5],
    ['DEPENDENCIES_INCOMPLETE', 5],
    ['CHILDREN_INCOMPLETE', 5],
    ['IDEMPOTENCY_MISMATCH', 5],
    ['OUTPUT_GAP', 5],
    ['NOT_CONTROLLER', 5],
    ['LIMIT_REACHED', 5],
    ['RATE_LIMITED', 7],
    ['TOO_LARGE', 1],
    ['INTERNAL', 1],
  ] as const)('%s → %i', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit);
  });

  test('every error code has one', () => {
    for (const code of ERROR_CODES) expect(Object.values(EXIT)).toContain(exitCodeFor(code));
  });
});

describe('toErrorBody', () => {
  test('a CliError is printed as thrown', () => {
    const error = new CliError('VALIDATION', 'bad', { hint: 'fix it', details: { x: 1 } });
    expect(toErrorBody(error, ctx)).toEqual({ code: 'VALIDATION', message: 'bad', hint: 'fix it', details: { x: 1 } });
  });

  test('a server error keeps its code, message, hint and details', () => {
    const body = toErrorBody(serverError('VERSION_CONFLICT', 409, { hint: 'Re-read it', details: { version: 3 } }), ctx);
    expect(body).toEqual({ code: 'VERSION_CONFLICT', message: 'VERSION_CONFLICT happened', hint: 'Re-read it', details: { version: 3 } });
  });

  test('UNAUTHORIZED says where the token came from and where to get one', () => {
    const body = toErrorBody(serverError('UNAUTHORIZED', 401), ctx);
    expect(body.code).toBe('UNAUTHORIZED');
    expect(body.hint).toContain('from MAESTRO_TOKEN');
    expect(body.hint).toContain('http://127.0.0.1:4800');
  });

  test('a refused connection is NETWORK with the URL and how to start the server', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4800'), { code: 'ECONNREFUSED' });
    const body = toErrorBody(TRPCClientError.from(cause), ctx);
    expect(body.code).toBe('NETWORK');
    expect(body.message).toContain('http://127.0.0.1:4800');
    expect(body.hint).toContain('npm start');
    expect(exitCodeFor(body.code)).toBe(3);
  });

  test('a bare 5xx without a Maestro body is INTERNAL naming the status', () => {
    const error = new TRPCClientError('bad gateway', { meta: { response: { status: 502 } } });
    expect(toErrorBody(error, ctx)).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('HTTP 502') });
  });

  test('anything else is INTERNAL, with a hint to debug', () => {
    expect(toErrorBody(new TypeError('boom'), ctx)).toMatchObject({ code: 'INTERNAL', message: 'boom', hint: expect.stringContaining('MAESTRO_DEBUG') });
  });

  test('networkCause looks through causes', () => {
    const inner = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(networkCause(new Error('outer', { cause: inner }))).toBe('ECONNRESET');
    expect(networkCause(new Error('plain'))).toBeUndefined();
  });
});
