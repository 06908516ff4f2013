import type { ApiToken } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectFailure, expectSuccess, runCli, tempHome } from './helpers.js';
import { publishedIn } from './published.js';

/** `maestro token` against a real server: the owner mints a runner token and a read-only one, uses them, revokes one. */
let server: ServerProcess;
let owner: Record<string, string>;
beforeAll(async () => {
  server = await spawnServer();
  owner = { HOME: tempHome(), MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token };
});
afterAll(async () => {
  await server?.stop();
});

test('create shows the secret once, list shows role and last use but no secret, revoke stops it; roles hold through the CLI', async () => {
  const covered = new Set<string>();
  const run = async <T>(command: string, args: string[], env = owner): Promise<T> => {
    covered.add(command);
    return expectSuccess<T>(await runCli([...command.split(' '), ...args, '--json'], env), command);
  };

  const reader = await run<{ token: ApiToken; secret: string }>('token create', ['--name', 'dashboard-wall', '--role', 'readonly']);
  expect(reader.secret).toMatch(/^mtk_/);
  const readerEnv = { HOME: tempHome(), MAESTRO_API_URL: server.url, MAESTRO_TOKEN: reader.secret };

  // A read-only token reads, and a write is refused with exit 4 and a hint naming the roles.
  expectSuccess(await runCli(['project', 'list', '--json'], readerEnv), 'project list');
  const refused = expectFailure(await runCli(['project', 'create', 'nope', '--dir', '/tmp', '--json'], readerEnv), 'FORBIDDEN', 4);
  expect(refused.message).toContain('read-only');
  expect(refused.hint).toContain('--role');

  const listed = await run<{ items: ApiToken[] }>('token list', []);
  expect(listed.items.map((t) => [t.name, t.role])).toEqual([['dashboard-wall', 'readonly']]);
  expect(listed.items[0]!.lastUsedAt).not.toBeNull();
  expect(JSON.stringify(listed)).not.toContain(reader.secret);

  // Human output says the secret is shown once.
  const human = await runCli(['token', 'create', '--name', 'ci', '--role', 'member'], owner);
  expect(human.code).toBe(0);
  expect(human.stdout).toMatch(/mtk_\S+/);
  expect(human.stdout).toContain('only time the secret is shown');

  expectFailure(await runCli(['token', 'create', '--name', 'ci', '--role', 'admin', '--json'], owner), 'ALREADY_EXISTS', 5);
  expectFailure(await runCli(['token', 'create', '--name', 'x', '--role', 'boss', '--json'], owner), 'VALIDATION', 1);
  // Only the owner or an admin token manages tokens.
  expectFailure(await runCli(['token', 'list', '--json'], readerEnv), 'FORBIDDEN', 4);

  const revoked = await run<ApiToken>('token revoke', ['dashboard-wall']);
  expect(revoked.revokedAt).not.toBeNull();
  expectFailure(await runCli(['project', 'list', '--json'], readerEnv), 'UNAUTHORIZED', 4);
  expectFailure(await runCli(['token', 'revoke', 'no-such-token', '--json'], owner), 'NOT_FOUND', 2);

  expect([...covered].sort()).toEqual(await publishedIn('token'));
});
