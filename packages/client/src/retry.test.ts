import type { AppRouter } from '@maestro/api';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { describe, expect, test } from 'vitest';
import { isRetryableError, retryLinks } from './retry.js';

type Failure = 'network' | 500 | 502 | 503 | 400 | 404 | 'rate-limited';

function failureFor(kind: Failure): TRPCClientError<AppRouter> {
  if (kind === 'network') return TRPCClientError.from(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
  if (kind === 'rate-limited') {
    const maestro = { code: 'RATE_LIMITED', message: 'Too many mutations', details: { retryAfterMs: 30 } };
    return TRPCClientError.from<AppRouter>({ error: { code: -32029, message: 'Too many mutations', data: { httpStatus: 429, maestro } } });
  }
  return TRPCClientError.from<AppRouter>({ error: { code: -32000, message: `HTTP ${kind}`, data: { httpStatus: kind } } });
}

/** The end of the chain: fails with `failures` in turn, then answers; records every input it was sent. */
function scripted(failures: Failure[]) {
  const inputs: unknown[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        inputs.push(op.input);
        const failure = failures.shift();
        if (failure) observer.error(failureFor(failure));
        else {
          observer.next({ result: { type: 'data', data: { ok: true } } });
          observer.complete();
        }
        return () => {};
      });
  return { link, inputs };
}

function client(failures: Failure[], retries: number) {
  const end = scripted(failures);
  const retried: number[] = [];
  const trpc = createTRPCClient<AppRouter>({
    links: [...retryLinks({ retries, baseDelayMs: 1, onRetry: ({ retry }) => retried.push(retry) }), end.link],
  });
  return { trpc, inputs: end.inputs, retried };
}

describe('isRetryableError', () => {
  test.each([
    ['network', true],
    [500, true],
    [503, true],
    [400, false],
    [404, false],
    ['rate-limited', true],
  ] as const)('%s → %s', (kind, expected) => {
    expect(isRetryableError(failureFor(kind))).toBe(expected);
  });
});

describe('retry links', () => {
  test('a query is retried on network errors and 5xx until it succeeds', async () => {
    const { trpc, inputs, retried } = client(['network', 503, 500], 3);
    await expect(trpc.project.list.query()).resolves.toEqual({ ok: true });
    expect(inputs).toHaveLength(4);
    expect(retried).toEqual([1, 2, 3]);
  });

  test('gives up after the configured number of retries with the last error', async () => {
    const { trpc, inputs } = client(['network', 'network', 'network'], 2);
    await expect(trpc.project.list.query()).rejects.toThrow(/ECONNREFUSED/);
    expect(inputs).toHaveLength(3);
  });

  test('RATE_LIMITED is retried after the wait the server asked for, not the backoff', async () => {
    const end = scripted(['rate-limited']);
    const delays: number[] = [];
    const trpc = createTRPCClient<AppRouter>({
      links: [...retryLinks({ retries: 2, baseDelayMs: 1, onRetry: ({ delayMs }) => delays.push(delayMs) }), end.link],
    });
    await expect(trpc.task.comment.mutate({ id: 'tsk_0123456789', body: 'x' })).resolves.toEqual({ ok: true });
    expect(delays).toEqual([30]);
    expect(end.inputs).toHaveLength(2);
  });

  test('a 4xx is never retried', async () => {
    const { trpc, inputs } = client([404], 5);
    await expect(trpc.task.get.query({ id: 'tsk_0123456789' })).rejects.toThrow(/HTTP 404/);
    expect(inputs).toHaveLength(1);
  });

  test('a mutation gets one idempotency key, sent unchanged on every attempt', async () => {
    const { trpc, inputs } = client(['network', 502], 3);
    await trpc.task.create.mutate({ projectId: 'prj_0123456789', title: 'Once' });
    expect(inputs).toHaveLength(3);
    const keys = inputs.map((i) => (i as { idempotencyKey: string }).idempotencyKey);
    expect(keys[0]).toMatch(/^[\w.:-]{8,128}$/);
    expect(new Set(keys).size).toBe(1);
  });

  test('two mutations get different keys; a key the caller chose is kept', async () => {
    const { trpc, inputs } = client([], 1);
    await trpc.task.create.mutate({ projectId: 'prj_0123456789', title: 'A' });
    await trpc.task.create.mutate({ projectId: 'prj_0123456789', title: 'B' });
    await trpc.task.create.mutate({ projectId: 'prj_0123456789', title: 'C', idempotencyKey: 'mine-12345' });
    const keys = inputs.map((i) => (i as { idempotencyKey: string }).idempotencyKey);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('mine-12345');
  });

  test('queries carry no key', async () => {
    const { trpc, inputs } = client([], 1);
    await trpc.task.get.query({ id: 'tsk_0123456789' });
    expect(inputs[0]).toEqual({ id: 'tsk_0123456789' });
  });
});
