import { spawn, type ChildProcess } from 'node:child_process';
import type { Project } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, expect, test } from 'vitest';
import { answeredCalls, BIN, COVERAGE_ENV, expectSuccess, runCli, schemaErrors, tempHome, watchStarted } from './helpers.js';

const servers: ServerProcess[] = [];
let watcher: ChildProcess | undefined;

afterAll(async () => {
  watcher?.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
});

interface Line {
  id: number;
  type: string;
  payload: { task?: { title: string } };
}

/** `maestro watch --json` as a long-running child, with its lines parsed as they come. */
function startWatch(env: Record<string, string>) {
  const lines: Line[] = [];
  let stderr = '';
  let buffer = '';
  const child = spawn(process.execPath, [BIN, 'watch', '--json'], {
    env: { PATH: process.env.PATH ?? '', ...COVERAGE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Line);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    async waitFor(n: number, timeoutMs = 90_000): Promise<Line[]> {
      const deadline = Date.now() + timeoutMs;
      while (lines.length < n) {
        if (Date.now() > deadline) throw new Error(`watch printed ${lines.length} of ${n} lines; stderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return lines;
    },
  };
}

test('watch survives a server restart: every event once, in order, nothing missed', async () => {
  const first = await spawnServer();
  servers.push(first);
  const env = { HOME: tempHome(), MAESTRO_API_URL: first.url, MAESTRO_TOKEN: first.token };
  const project = expectSuccess<Project>(await runCli(['project', 'create', 'Watched', '--json'], env), 'project create');
  const projectEnv = { ...env, MAESTRO_PROJECT_ID: project.id };
  const create = async (title: string) => expectSuccess(await runCli(['task', 'create', title, '--json'], projectEnv), 'task create');

  const headsBefore = await answeredCalls(first.url, 'events.head');
  const watch = startWatch(projectEnv);
  watcher = watch.child;
  // A fresh watch streams from "now": the first change must come after it has read where "now" is.
  await watchStarted(first.url, headsBefore);
  for (const title of ['before 1', 'before 2', 'before 3']) await create(title);
  await watch.waitFor(3);

  expect(await first.stop('SIGTERM')).toBe(0);
  const second = await spawnServer({ dataDir: first.dataDir, port: first.port });
  servers.push(second);
  // Written as soon as the server is back, likely before the watcher has reconnected: it must catch up on them.
  for (const title of ['after 1', 'after 2', 'after 3']) await create(title);

  const lines = await watch.waitFor(6);
  // A window for a repeated line to show up after the six: absence has no event to wait for.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(lines.map((l) => l.payload.task?.title)).toEqual(['before 1', 'before 2', 'before 3', 'after 1', 'after 2', 'after 3']);
  const ids = lines.map((l) => l.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  for (const line of lines) expect(schemaErrors('watch.json', line)).toBeNull();
  expect(watch.stderr()).toMatch(/reconnect/);

  watch.child.kill('SIGINT');
  expect(await watch.exited).toBe(0);
  // A PGlite restart plus the client's capped backoff (up to 15 s between attempts) can take a while on a busy machine.
}, 150_000);
