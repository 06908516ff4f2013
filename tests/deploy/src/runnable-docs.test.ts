import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, repoRoot, sh, start, waitHealthy } from './helpers.js';
import { missingLines, normalise, runnableBlocks, scriptFor, splitOutput } from './runnable-blocks.js';

/**
 * Every fenced block opened with ```sh runnable in these documents runs, in
 * order, against a server and runner started here the way `npm start` starts
 * them (scripts/start.mjs, embedded PGlite, a fresh data directory). A
 * document's blocks share one shell, so a variable one block sets is there in
 * the next, as in a person's terminal; each document gets a fresh HOME (no
 * saved default project). Any failing command fails the test, and so does a
 * ```text block right after a runnable block that shows a line the run did not
 * print (ids, numbers and times aside: see `normalise`). Blocks that need an
 * agent binary or a second machine are plain `sh` and are not run.
 */
const DOCS = ['README.md', 'docs/workflows.md'];

const work = mkdtempSync(join(tmpdir(), 'maestro-runnable-docs-'));
const dataDir = join(work, 'data');
let url = '';
let server: ReturnType<typeof start> | undefined;

beforeAll(async () => {
  sh('jq', ['--version']); // the documents use jq to pick ids out of --json output
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = start('node', ['scripts/start.mjs'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      HOME: join(work, 'server-home'),
      PORT: String(port),
      MAESTRO_DATA_DIR: dataDir,
      MAESTRO_RUNNER_DIR: join(work, 'runner'),
      MAESTRO_WEB: 'off',
      LOG_LEVEL: 'warn',
    },
  });
  await waitHealthy(url, server.child, server.output);
  // The runner registers after the server answers; a spawn before it waits for it anyway.
});

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  rmSync(work, { recursive: true, force: true });
});

/** Runs a script in bash, -e and pipefail, resolving with its exit code and output. */
function run(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe.each(DOCS)('%s', (doc) => {
  const blocks = runnableBlocks(readFileSync(join(repoRoot, doc), 'utf8'));

  test('has runnable blocks', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  test('every runnable block runs without an error, in order', async () => {
    const home = join(work, `home-${doc.replace(/\W/g, '-')}`);
    mkdirSync(home, { recursive: true });
    // A person's shell: no MAESTRO_* from the test run, the server's data directory for its token.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, MAESTRO_API_URL: url, MAESTRO_DATA_DIR: dataDir, NO_COLOR: '1', LANG: 'C.UTF-8' };
    const { code, output } = await run(scriptFor(doc, blocks), env);
    expect(
      code,
      `${doc}'s runnable blocks failed (the last "=== block" line names the one):\n${output}\n--- server and runner:\n${server?.output() ?? ''}`,
    ).toBe(0);

    const subs = { home, hostname: hostname() };
    const outputs = splitOutput(doc, blocks, output);
    const drift = blocks.flatMap((b) => {
      if (b.shown === null) return [];
      const missing = missingLines(normalise(b.shown, subs), normalise(outputs.get(b) ?? '', subs));
      return missing.length ? [`${doc}:${b.line} shows lines the run did not print:\n  ${missing.join('\n  ')}\nit printed:\n${outputs.get(b) ?? ''}`] : [];
    });
    expect(drift, drift.join('\n\n')).toEqual([]);
    expect(blocks.filter((b) => b.shown !== null).length).toBeGreaterThanOrEqual(2);
  });
});

test('the output check: ids, numbers and the home directory aside, a shown line must be printed, in order', () => {
  const subs = { home: '/tmp/x/home', hostname: 'box' };
  const printed = normalise('id:   tsk_abcdefghij\nstatus: completed\nbox  box  3 s ago  0  run_abcdefghij\ndirectory: /tmp/x/home/src', subs);
  expect(missingLines(normalise('id: tsk_0123456789\nvm vm 12 s ago 0 run_0123456789\ndirectory: /home/you/src', subs), printed)).toEqual([]);
  expect(missingLines(normalise('status: failed', subs), printed)).toEqual(['status: failed']);
  expect(missingLines(normalise('directory: /home/you/src\nstatus: completed', subs), printed)).toEqual(['status: completed']);
  const [block] = runnableBlocks('```sh runnable\necho hi\n```\n\n```text\nhi\n```\n');
  expect(block).toMatchObject({ line: 1, code: 'echo hi', shown: 'hi' });
  expect(runnableBlocks('```sh runnable\necho hi\n```\nprose\n```text\nhi\n```\n')[0]?.shown).toBeNull();
});
