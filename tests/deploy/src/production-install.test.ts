import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freePort, nonRootUser, repoRoot, sh, start, waitHealthy } from './helpers.js';

/**
 * The image's contents without a container engine: the Dockerfile's build
 * stage runs scripts/assemble-release.sh and its prod-deps stage runs
 * `npm ci --omit=dev` on the result; the server stage runs it as a non-root
 * user with an empty /data. This does the same in a clean directory.
 */
const work = mkdtempSync(join(tmpdir(), 'maestro-release-'));
const app = join(work, 'app');
const data = join(work, 'data');
const user = nonRootUser();
let uid = process.getuid?.() ?? 0;

/** The command line, as the non-root user when this runs as root. */
const asUser = (argv: string[]): [string, string[]] => (user ? ['runuser', ['-u', user, '--', ...argv]] : [argv[0]!, argv.slice(1)]);

beforeAll(() => {
  chmodSync(work, 0o755);
  sh(join(repoRoot, 'scripts/assemble-release.sh'), [app]);
  sh('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app });
  mkdirSync(data);
  if (user) {
    uid = Number(sh('id', ['-u', user]).trim());
    chownSync(data, uid, Number(sh('id', ['-g', user]).trim()));
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the release holds production dependencies only', () => {
  for (const dep of ['next', 'pino', 'prom-client', '@electric-sql/pglite', '@lydell/node-pty']) {
    expect(existsSync(join(app, 'node_modules', dep)), dep).toBe(true);
  }
  // (typescript and @playwright/test are there: tRPC and Next declare them peer dependencies, and npm installs peers.)
  for (const dev of ['vitest', 'esbuild', 'turbo', 'eslint', 'tsx', 'drizzle-kit', 'tailwindcss']) {
    expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
  }
  // Sources stay out: only bundles, the dashboard build and manifests.
  expect(existsSync(join(app, 'apps/server/src'))).toBe(false);
  expect(existsSync(join(app, 'packages/api/src'))).toBe(false);
  const size = sh('du', ['-sm', join(app, 'node_modules')]).split('\t')[0];
  const total = sh('du', ['-sm', app]).split('\t')[0];
  process.stdout.write(`production install: node_modules ${size} MB, whole release ${total} MB\n`);
});

test('it starts as a non-root user on an empty data directory: /health, the dashboard and a CLI call', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    HOME: data,
    NODE_ENV: 'production',
    MAESTRO_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    MAESTRO_DATA_DIR: data,
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'info',
  };
  const [cmd, args] = asUser(['node', 'apps/server/dist/main.js']);
  const server = start(cmd, args, { cwd: app, env });
  try {
    await waitHealthy(url, server.child, server.output);
    // runuser starts node as its child; without it, node is the child.
    const serverPid = user ? sh('pgrep', ['-P', String(server.child.pid)]).trim() : String(server.child.pid);
    expect(sh('ps', ['-o', 'uid=', '-p', serverPid]).trim()).toBe(String(uid));
    if (user) expect(uid).not.toBe(0);
    // Production logs are JSON lines.
    expect(server.output()).toMatch(/^\{"level":\d+/m);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);

    const token = sh('cat', [join(data, 'token')]).trim();
    const page = await fetch(`${url}/?token=${encodeURIComponent(token)}`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html[\s>]/);

    const cliEnv = { ...env, MAESTRO_API_URL: url, MAESTRO_TOKEN: token, MAESTRO_CONFIG: join(data, 'cli-config.json') };
    const [cliCmd, cliArgs] = asUser(['node', 'apps/cli/bin/maestro.cjs', 'project', 'create', 'shipped', '--dir', data, '--json']);
    const created = JSON.parse(sh(cliCmd, cliArgs, { cwd: app, env: cliEnv })) as { success: boolean };
    expect(created.success).toBe(true);
    const [listCmd, listArgs] = asUser(['node', 'apps/cli/bin/maestro.cjs', 'project', 'list', '--json']);
    expect(sh(listCmd, listArgs, { cwd: app, env: cliEnv })).toContain('"shipped"');

    // SIGTERM (the image's STOPSIGNAL): a clean exit.
    process.kill(Number(serverPid), 'SIGTERM');
    expect(await server.exited).toBe(0);
  } finally {
    server.child.kill('SIGKILL');
  }
});
