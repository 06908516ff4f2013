import { createNodeClient } from '@maestro/client/node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectEvents } from './testing/collect.js';
import { spawnServer, type ServerProcess } from './testing/spawn-server.js';

// A real server process at debug level: its stdout is what an operator's log pipeline reads.
let server: ServerProcess;
let sessionToken = '';
let projectId = '';
let sessionId = '';

beforeAll(async () => {
  server = await spawnServer({ env: { LOG_LEVEL: 'debug' } });
  const admin = createNodeClient({ url: server.url, token: server.token });
  const events = collectEvents(admin, {});
  const project = await admin.trpc.project.create.mutate({ name: 'observed', workingDir: '/tmp' });
  const task = await admin.trpc.task.create.mutate({ projectId: project.id, title: 'observed task' });
  const { runnerId } = await admin.trpc.runner.register.mutate({ name: 'obs-runner', hostname: 'test', pid: process.pid });
  const session = await admin.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: 'true' });
  const claimed = await admin.trpc.runner.claim.mutate({ runnerId, sessionId: session.id });
  await admin.trpc.runner.started.mutate({ runnerId, sessionId: session.id, pid: process.pid, workingDir: '/tmp', branch: null });
  await admin.trpc.runner.heartbeat.mutate({ runnerId, sessionIds: [session.id] });
  await events.waitFor(3);
  events.unsubscribe();
  admin.close();
  sessionToken = claimed.token;
  projectId = project.id;
  sessionId = session.id;
});

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string>) => fetch(`${server.url}${path}`, { headers });
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** The JSON lines the server wrote so far (pino), parsed. */
function logLines(): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The lines matching `match`, once there are `n`: the child's stdout arrives after its answer. */
async function linesWhere(match: (line: Record<string, unknown>) => boolean, n = 1): Promise<Record<string, unknown>[]> {
  for (let i = 0; ; i++) {
    const lines = logLines().filter(match);
    if (lines.length >= n || i > 600) return lines;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("a session token's call is logged with its request id, session id and project id; the id is echoed back", async () => {
  const res = await get(`/trpc/task.list?input=${input({ projectId })}`, { authorization: `Bearer ${sessionToken}`, 'x-request-id': 'req-obs-1' });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-request-id')).toBe('req-obs-1');
  const [line] = await linesWhere((l) => l.requestId === 'req-obs-1');
  expect(line).toMatchObject({ msg: 'call', procedure: 'task.list', code: 'OK', sessionId, projectId });
});

test('an owner call gets a fresh request id and the ids its input names; a refused call shares its line ids', async () => {
  const ok = await get(`/trpc/session.get?input=${input({ id: sessionId })}`, { authorization: `Bearer ${server.token}` });
  expect(ok.status).toBe(200);
  const id = ok.headers.get('x-request-id');
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect((await linesWhere((l) => l.requestId === id && l.msg === 'call'))[0]).toMatchObject({ procedure: 'session.get', sessionId });
  const refused = await get(`/trpc/task.get?input=${input({ id: 'tsk_0000000000' })}`, {
    authorization: `Bearer ${server.token}`,
    'x-request-id': 'req-obs-2',
  });
  expect(refused.status).toBe(404);
  const lines = await linesWhere((l) => l.requestId === 'req-obs-2', 2);
  expect(lines.map((l) => l.msg).sort()).toEqual(['call', 'procedure refused']);
  expect(lines.every((l) => l.taskId === 'tsk_0000000000')).toBe(true);
});

test('no token or secret appears in the log', () => {
  const text = server.output();
  expect(text.length).toBeGreaterThan(0);
  expect(text).not.toContain(server.token);
  expect(text).not.toContain(sessionToken);
});

test('/metrics after the lifecycle: sessions by status, events delivered, HTTP routes, database pool, event-loop lag', async () => {
  await get('/health', {});
  const text = await (await get('/metrics', {})).text();
  expect(text).toMatch(/^maestro_sessions\{status="active"\} 1$/m);
  expect(text).toMatch(/^maestro_sessions\{status="completed"\} 0$/m);
  expect(text).toMatch(/^maestro_events_delivered_total [1-9]/m);
  expect(text).toMatch(/^maestro_events_published_total [1-9]/m);
  expect(text).toMatch(/^maestro_http_request_duration_seconds_count\{route="\/health",method="GET",status="200"\} [1-9]/m);
  expect(text).toMatch(/^maestro_http_request_duration_seconds_count\{route="\/trpc",method="GET",status="404"\} [1-9]/m);
  expect(text).toMatch(/^maestro_database_pool_connections\{state="size"\} 1$/m);
  expect(text).toMatch(/^maestro_database_pool_connections\{state="in_use"\} [01]$/m);
  expect(text).toMatch(/^maestro_database_pool_connections\{state="waiting"\} \d+$/m);
  expect(text).toMatch(/^maestro_nodejs_eventloop_lag_p99_seconds \d/m);
  expect(text).toMatch(/^maestro_runner_heartbeats_total\{code="OK"\} [1-9]/m);
});
