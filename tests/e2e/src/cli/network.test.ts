import type { Project, Task } from '@maestro/schemas';
import { createTcpProxy, freePort, spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectFailure, expectSuccess, runCli, tempHome } from './helpers.js';
import { createResponseDroppingProxy } from './response-dropping-proxy.js';

let server: ServerProcess;
let project: Project;
let env: Record<string, string>;

beforeAll(async () => {
  server = await spawnServer();
  env = { HOME: tempHome(), MAESTRO_TOKEN: server.token, MAESTRO_API_URL: server.url };
  project = expectSuccess<Project>(await runCli(['project', 'create', 'Network', '--json'], env), 'project create');
  env.MAESTRO_PROJECT_ID = project.id;
});

afterAll(async () => {
  await server?.stop('SIGKILL');
});

async function tasksTitled(title: string): Promise<Task[]> {
  const list = expectSuccess<{ items: Task[] }>(await runCli(['task', 'list', '--text', title, '--json'], env), 'task list');
  return list.items.filter((t) => t.title === title);
}

describe('server not running', () => {
  test('exit 3, NETWORK, with the URL tried and how to start the server', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const result = await runCli(['task', 'list', '--json'], { ...env, MAESTRO_API_URL: url, MAESTRO_RETRIES: '2', MAESTRO_RETRY_DELAY: '50' });
    const error = expectFailure(result, 'NETWORK', 3);
    expect(error.message).toContain(url);
    expect(error.hint).toMatch(/npm start/);
    expect(Date.now() - started).toBeLessThan(15_000);

    const human = await runCli(['status'], { ...env, MAESTRO_API_URL: url, MAESTRO_RETRIES: '0' });
    expect(human.code).toBe(3);
    expect(human.stdout).toBe('');
    expect(human.stderr).toContain(url);
    expect(human.stderr).toContain('npm start');
    expect(human.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('retries against a real flaky path', () => {
  test('a query succeeds once the first connections stop being dropped', async () => {
    const proxy = await createTcpProxy({ host: '127.0.0.1', port: server.port });
    try {
      proxy.dropNextConnections(2);
      const result = await runCli(['task', 'list', '--json'], { ...env, MAESTRO_API_URL: proxy.url, MAESTRO_RETRIES: '3', MAESTRO_RETRY_DELAY: '50' });
      expectSuccess(result, 'task list');
      expect(proxy.accepted).toBeGreaterThanOrEqual(3);
    } finally {
      await proxy.close();
    }
  });

  test('no retries when told so: MAESTRO_RETRIES=0 fails on the first dropped connection', async () => {
    const proxy = await createTcpProxy({ host: '127.0.0.1', port: server.port });
    try {
      proxy.dropNextConnections(1);
      const result = await runCli(['task', 'list', '--json'], { ...env, MAESTRO_API_URL: proxy.url, MAESTRO_RETRIES: '0' });
      expectFailure(result, 'NETWORK', 3);
      expect(proxy.accepted).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  test('a server that comes up late: the command waits it out and succeeds', async () => {
    const proxy = await createTcpProxy({ host: '127.0.0.1', port: server.port });
    try {
      proxy.refuse();
      const pending = runCli(['task', 'create', 'Created while the server was away', '--json'], {
        ...env,
        MAESTRO_API_URL: proxy.url,
        MAESTRO_RETRIES: '8',
        MAESTRO_RETRY_DELAY: '100',
      });
      // The server comes up once the command has been turned away twice: it is retrying, not done.
      await expect.poll(() => proxy.accepted, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
      proxy.resume();
      expectSuccess(await pending, 'task create');
      expect(await tasksTitled('Created while the server was away')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  test('a mutation whose answer is lost is retried under one idempotency key and applied once', async () => {
    const proxy = await createResponseDroppingProxy({ host: '127.0.0.1', port: server.port }, 2);
    try {
      const title = 'Applied exactly once';
      const result = await runCli(['task', 'create', title, '--json'], {
        ...env,
        MAESTRO_API_URL: proxy.url,
        MAESTRO_RETRIES: '4',
        MAESTRO_RETRY_DELAY: '50',
        MAESTRO_DEBUG: '1',
      });
      const created = expectSuccess<Task>(result, 'task create');
      expect(proxy.accepted).toBe(3);
      expect(result.stderr.match(/retry \d\/4/g)).toHaveLength(2);
      const found = await tasksTitled(title);
      expect(found.map((t) => t.id)).toEqual([created.id]);
    } finally {
      await proxy.close();
    }
  });

  test('4xx is never retried', async () => {
    const proxy = await createTcpProxy({ host: '127.0.0.1', port: server.port });
    try {
      const result = await runCli(['task', 'get', 'tsk_zzzzzzzzzz', '--json'], { ...env, MAESTRO_API_URL: proxy.url, MAESTRO_DEBUG: '1' });
      expectFailure(result, 'NOT_FOUND', 2);
      expect(result.stderr).not.toMatch(/retry/);
      expect(proxy.accepted).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
