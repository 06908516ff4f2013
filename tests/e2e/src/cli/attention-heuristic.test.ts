import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MaestroClient } from '@maestro/client/node';
import { readAllOutput, startTestRunner, waitForSession } from '../harness/stack.js';
import type { Session } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

/**
 * The runner's terminal heuristic at its default (10 s of silence), with a
 * real agent in a real PTY: idle when silent, working when output resumes,
 * and an agent's own signal in between wins over both.
 */

let server: ServerProcess;
let client: MaestroClient;
let stopRunner: () => Promise<void>;

beforeAll(async () => {
  server = await spawnServer();
  const started = await startTestRunner({ url: server.url, token: server.token });
  client = started.client;
  stopRunner = () => started.runner.stop();
});
afterAll(async () => {
  await stopRunner?.();
  await server?.stop();
});

async function until(id: string, check: (s: Session) => boolean, timeoutMs: number): Promise<{ session: Session; at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const session = await client.trpc.session.get.query({ id });
    if (check(session)) return { session, at: Date.now() };
    if (Date.now() > deadline) throw new Error(`not met in ${timeoutMs} ms: attention ${JSON.stringify(session.attention)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stamp = (output: string, label: string) => Number(new RegExp(`${label} (\\d+)`).exec(output)?.[1]);

test('silent ~10 s → idle (heuristic); output again → working; an agent question in between outlasts silence and output', async () => {
  const project = await client.trpc.project.create.mutate({ name: 'heuristic', workingDir: mkdtempSync(join(tmpdir(), 'heuristic-')) });
  const task = await client.trpc.task.create.mutate({ projectId: project.id, title: 'print, sleep, print' });
  const script = [
    'echo "first $(date +%s%3N)"',
    'sleep 15',
    'echo "second $(date +%s%3N)"',
    'sleep 1',
    'maestro session needs-input "Which database?" > /dev/null',
    'sleep 12',
    'echo "third $(date +%s%3N)"',
    'sleep 2',
  ].join('; ');
  const { id } = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: script });
  await waitForSession(client, id, ['active']);

  const idle = await until(id, (s) => s.attention?.state === 'idle', 20_000);
  expect(idle.session.attention).toMatchObject({ state: 'idle', source: 'heuristic' });
  const first = stamp((await readAllOutput(client, id)).toString(), 'first');
  // Idle since the last output, reported once 10 s of silence had passed.
  expect(Math.abs(Date.parse(idle.session.attention!.since) - first)).toBeLessThan(1_000);
  expect(idle.at - first).toBeGreaterThanOrEqual(9_500);
  expect(idle.at - first).toBeLessThan(12_000);

  const working = await until(id, (s) => s.attention?.state === 'working', 10_000);
  expect(working.session.attention).toMatchObject({ state: 'working', source: 'heuristic' });
  const second = stamp((await readAllOutput(client, id)).toString(), 'second');
  expect(working.at - second).toBeLessThan(1_500);

  await until(id, (s) => s.attention?.state === 'needs_input', 5_000);
  // 10 s of silence after the question, then output: neither replaces what the agent said.
  const deadline = Date.now() + 25_000;
  while (!(await readAllOutput(client, id)).toString().includes('third ') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect((await readAllOutput(client, id)).toString()).toContain('third ');
  // Long enough for the runner's report of resumed output to have been decided.
  await new Promise((r) => setTimeout(r, 1_000));
  const after = await client.trpc.session.get.query({ id });
  expect(after.attention).toMatchObject({ state: 'needs_input', source: 'agent', message: 'Which database?' });
  const events = await client.trpc.events.list.query({ sessionId: id, types: ['session:attention'] });
  expect(events.items.map((e) => e.type === 'session:attention' && [e.payload.session.attention?.state, e.payload.session.attention?.source])).toEqual([
    ['idle', 'heuristic'],
    ['working', 'heuristic'],
    ['needs_input', 'agent'],
  ]);
}, 90_000);
