import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Project } from '@maestro/schemas';
import { spawnServer, type ServerProcess } from '@maestro/server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COVERAGE_ENV, expectSuccess, runCli, tempHome } from './helpers.js';
import { descendants, running, until } from './processes.js';

const exec = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const NODE_BIN = join(process.execPath, '..');

let server: ServerProcess;
let env: Record<string, string>;
beforeAll(async () => {
  server = await spawnServer();
  env = { PATH: `${NODE_BIN}:${process.env.PATH ?? ''}`, HOME: tempHome(), MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token, ...COVERAGE_ENV };
  env.MAESTRO_PROJECT_ID = expectSuccess<Project>(await runCli(['project', 'create', 'npx', '--json'], env), 'project create').id;
});
afterAll(async () => {
  await server?.stop('SIGKILL');
});

describe('started through npx', () => {
  // npm forwards SIGTERM to the shell it runs the command in, and that shell dies without passing it on.
  test.each([
    ['watch', /watching for events/],
    ['runner', /hosting sessions/],
  ])(
    '`npx maestro %s` stops when npx gets SIGTERM',
    async (command, ready) => {
      const npx = spawn('npx', ['maestro', command], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      npx.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await until(() => ready.test(stderr), 30_000, `npx maestro ${command} ready (stderr: ${stderr})`);
      const [maestro] = descendants(npx.pid!, /maestro(\.cjs)? /);
      expect(maestro, 'the maestro process under npx').toBeDefined();
      npx.kill('SIGTERM');
      await until(() => !running(maestro!), 10_000, `maestro ${command} (pid ${maestro}) gone after npx got SIGTERM`);
    },
    60_000,
  );
});

describe('a quiet start', () => {
  const fresh = () => ({ PATH: env.PATH!, HOME: tempHome() });

  test('npm prints no update notice around `npx maestro` (the repository .npmrc)', async () => {
    const { stdout, stderr } = await exec('npx', ['maestro', '--version'], { cwd: REPO_ROOT, env: fresh() });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(stderr).not.toMatch(/npm notice|New (major|minor|patch) version of npm/);
  });

  test('the build step of `npm start` shows no Turborepo telemetry notice in a fresh home', async () => {
    const script = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const build = script.split(' && ')[0]!;
    expect(build).toContain('turbo run build');
    // The same command as a dry run (nothing rebuilt under other tests' feet): the notice comes from turbo itself.
    const cliOnly = `${build} --dry-run`;
    const home = fresh();
    const { stdout, stderr } = await exec('sh', ['-c', cliOnly], {
      cwd: REPO_ROOT,
      env: { ...home, PATH: `${join(REPO_ROOT, 'node_modules', '.bin')}:${home.PATH}` },
    });
    expect(`${stdout}${stderr}`).not.toMatch(/collects completely anonymous telemetry/);
  }, 120_000);
});
