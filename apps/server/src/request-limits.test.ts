import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeClient } from '@maestro/client/node';
import { createTestDb } from '@maestro/db/testing';
import { REQUEST_LIMITS } from '@maestro/schemas';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseEnv } from './env.js';
import { createLogger } from './logger.js';
import { startServer, type RunningServer } from './server.js';
import { MAX_SOCKETS_PER_CREDENTIAL } from './ws-limits.js';

/** Calls per request are bounded on HTTP and on the WebSocket; subscriptions are WebSocket only. */

let server: RunningServer;
let scratch: Awaited<ReturnType<typeof createTestDb>> | null = null;

beforeAll(async () => {
  scratch = process.env.DATABASE_URL ? await createTestDb() : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'maestro-limits-test-'));
  const env = parseEnv({ PORT: '0', MAESTRO_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', LOG_LEVEL: 'silent' });
  server = await startServer({ env, logger: createLogger('silent') });
});

afterAll(async () => {
  await server?.close();
  await scratch?.close();
});

const auth = () => ({ authorization: `Bearer ${server.token.token}` });
type ErrorItem = { error?: { data?: { maestro?: { code: string; details?: unknown } } }; result?: unknown };

/** A batched GET of `n` project.list calls, as tRPC's httpBatchLink sends it. */
async function batchedGet(n: number) {
  const paths = Array.from({ length: n }, () => 'project.list').join(',');
  const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]));
  const res = await fetch(`${server.url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, { headers: auth() });
  return { status: res.status, body: (await res.json()) as ErrorItem[] };
}

describe('batch size', () => {
  test(`an HTTP batch of ${REQUEST_LIMITS.batchCalls} calls is answered; one more is refused whole with TOO_LARGE (413)`, async () => {
    const ok = await batchedGet(REQUEST_LIMITS.batchCalls);
    expect(ok.status).toBe(200);
    expect(ok.body.every((item) => item.result !== undefined)).toBe(true);

    const refused = await batchedGet(REQUEST_LIMITS.batchCalls + 1);
    expect(refused.status).toBe(413);
    expect(refused.body).toHaveLength(REQUEST_LIMITS.batchCalls + 1);
    for (const item of refused.body) {
      expect(item.error?.data?.maestro).toMatchObject({ code: 'TOO_LARGE', details: { limit: 'batchCalls', max: REQUEST_LIMITS.batchCalls } });
    }
  });

  test('the typed client splits a larger batch by itself', async () => {
    const client = createNodeClient({ url: server.url, token: server.token.token });
    try {
      const answers = await Promise.all(Array.from({ length: 3 * REQUEST_LIMITS.batchCalls + 1 }, () => client.trpc.project.list.query()));
      expect(answers.every((a) => Array.isArray(a.items))).toBe(true);
    } finally {
      client.close();
    }
  });

  test("full output batches from many sessions at once each go in their own request: none is refused for the body's size", async () => {
    // A runner hosting 12 busy sessions sends 12 output batches of ~1.4 MB at the same moment; batched
    // together they were one ~17 MB request over the body limit, refused (413) and sent again.
    const client = createNodeClient({ url: server.url, token: server.token.token });
    try {
      const project = await client.trpc.project.create.mutate({ name: 'busy terminals', workingDir: tmpdir() });
      const { runnerId } = await client.trpc.runner.register.mutate({ name: 'busy runner', hostname: 'test', pid: process.pid });
      const sessions = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const task = await client.trpc.task.create.mutate({ projectId: project.id, title: `printer ${i}` });
          const session = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'true' });
          await client.trpc.runner.claim.mutate({ runnerId, sessionId: session.id });
          return session.id;
        }),
      );
      const full = Array.from({ length: 16 }, (_, seq) => ({ seq, data: Buffer.alloc(64 * 1024, seq).toString('base64') }));
      const stored = await Promise.all(sessions.map((sessionId) => client.trpc.runner.output.mutate({ runnerId, sessionId, chunks: full })));
      expect(stored).toEqual(sessions.map(() => ({ stored: 16, lastSeq: 15 })));
    } finally {
      client.close();
    }
  });

  test('a WebSocket message with too many calls: each of them is answered TOO_LARGE, and the socket stays usable', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: auth() });
    const answers: { id: number; error?: { data?: { maestro?: { code: string } } }; result?: unknown }[] = [];
    const received = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => answers.length >= n && resolve();
        ws.on('message', check);
        check();
      });
    ws.on('message', (data) => {
      const text = (data as Buffer).toString('utf8');
      if (text !== 'PING') answers.push(JSON.parse(text) as (typeof answers)[number]);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const calls = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: from + i, jsonrpc: '2.0', method: 'query', params: { path: 'project.list', input: {} } }));
    ws.send(JSON.stringify(calls(1, REQUEST_LIMITS.batchCalls + 1)));
    await received(REQUEST_LIMITS.batchCalls + 1);
    expect(answers.map((a) => a.id).sort((a, b) => a - b)).toEqual(calls(1, REQUEST_LIMITS.batchCalls + 1).map((c) => c.id));
    expect(answers.every((a) => a.error?.data?.maestro?.code === 'TOO_LARGE')).toBe(true);

    answers.length = 0;
    ws.send(JSON.stringify(calls(100, REQUEST_LIMITS.batchCalls)));
    await received(REQUEST_LIMITS.batchCalls);
    expect(answers.every((a) => a.result !== undefined)).toBe(true);
    ws.close();
  });
});

describe('subscriptions', () => {
  test('are not served over HTTP: an SSE request gets one error and the stream ends (nothing streams into a reader that never reads)', async () => {
    const res = await fetch(`${server.url}/trpc/events.onEvent?input=${encodeURIComponent('{}')}`, { headers: { ...auth(), accept: 'text/event-stream' } });
    // tRPC answers in SSE framing even when refusing; what matters is that the body ends by itself.
    const body = await res.text();
    expect(body).toContain('serialized-error');
    expect(body).toContain('METHOD_NOT_SUPPORTED');
  });
});

describe('WebSockets per token', () => {
  /** Opens a socket; resolves with it open, or with the refusal's status. */
  const open = (secret: string) =>
    new Promise<{ ws?: WebSocket; status?: number }>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: { authorization: `Bearer ${secret}` } });
      ws.once('open', () => resolve({ ws }));
      ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    });

  test(`a named token holds at most ${MAX_SOCKETS_PER_CREDENTIAL} open; one more is refused (429) until one closes`, async () => {
    const client = createNodeClient({ url: server.url, token: server.token.token });
    const { secret } = await client.trpc.token.create.mutate({ name: 'sockets', role: 'readonly' });
    client.close();
    const held = await Promise.all(Array.from({ length: MAX_SOCKETS_PER_CREDENTIAL }, () => open(secret)));
    expect(held.every((s) => s.ws)).toBe(true);
    expect((await open(secret)).status).toBe(429);
    // The server token is the owner's: not counted.
    const owner = await open(server.token.token);
    expect(owner.ws).toBeDefined();
    owner.ws!.close();

    const closed = new Promise((resolve) => held[0]!.ws!.once('close', resolve));
    held[0]!.ws!.close();
    await closed;
    await expect
      .poll(async () => {
        const again = await open(secret);
        again.ws?.close();
        return again.ws !== undefined;
      })
      .toBe(true);
    for (const s of held.slice(1)) s.ws!.close();
  });
});

describe('subscriptions per WebSocket', () => {
  type Answer = { id: number; error?: { data?: { maestro?: { code: string; hint?: string; details?: unknown } } }; result?: { type: string } };

  test(`one socket holds at most ${REQUEST_LIMITS.subscriptionsPerSocket}: one more is LIMIT_REACHED; stopping one frees its slot`, async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, { headers: auth() });
    const answers = new Map<number, Answer>();
    const waiters: (() => void)[] = [];
    ws.on('message', (data) => {
      const text = (data as Buffer).toString('utf8');
      if (text === 'PING') return;
      const answer = JSON.parse(text) as Answer;
      // The first word on each id: started, or the refusal.
      if (!answers.has(answer.id)) answers.set(answer.id, answer);
      for (const wake of waiters.splice(0)) wake();
    });
    const answerTo = (id: number) =>
      new Promise<Answer>((resolve) => {
        const check = () => (answers.has(id) ? resolve(answers.get(id)!) : waiters.push(check));
        check();
      });
    const subscribe = (id: number) => ws.send(JSON.stringify({ id, jsonrpc: '2.0', method: 'subscription', params: { path: 'events.onEvent', input: {} } }));
    await new Promise((resolve) => ws.once('open', resolve));

    const max = REQUEST_LIMITS.subscriptionsPerSocket;
    for (let id = 1; id <= max; id++) subscribe(id);
    const started = await Promise.all(Array.from({ length: max }, (_, i) => answerTo(i + 1)));
    expect(started.every((a) => a.result?.type === 'started')).toBe(true);

    subscribe(max + 1);
    const refused = await answerTo(max + 1);
    expect(refused.error?.data?.maestro).toMatchObject({ code: 'LIMIT_REACHED', details: { limit: 'subscriptionsPerSocket', max } });
    expect(refused.error?.data?.maestro?.hint).toMatch(/Stop a subscription/);

    // Another socket has slots of its own.
    const other = createNodeClient({ url: server.url, token: server.token.token });
    const live = await new Promise<string>((resolve, reject) => {
      other.trpc.events.onEvent.subscribe({}, { onStarted: () => resolve('started'), onError: reject });
    });
    expect(live).toBe('started');
    other.close();

    // Unsubscribing frees the slot: the next subscription on this socket starts.
    ws.send(JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'subscription.stop' }));
    await expect
      .poll(async () => {
        const id = 1_000 + answers.size;
        subscribe(id);
        return (await answerTo(id)).result?.type;
      })
      .toBe('started');
    ws.close();
  });
});
