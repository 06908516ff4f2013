/**
 * P1, CLI start-up: wall time of `maestro task list --json` over 500 tasks
 * against a warm local server (one server process on PGlite), against
 * `node -e 0` measured in the same run, interleaved so both see the same load.
 * Goal from the CLI issue: median ratio ≤ 1.5.
 *
 * Also reported, for reading the figure: `maestro --version` (start-up with no
 * request), `task list` with the launcher's code cache off
 * (MAESTRO_COMPILE_CACHE=0), and the floor under any CLI: a bare node:http
 * script that sends the same request and prints the same envelope, with no
 * argument parsing, validation or client (`bareRequestRatio` = its median ÷
 * `node -e 0`; `ratioToBareRequest` = the CLI's ÷ its). Needs the built CLI (`npm run build -w
 * @maestro/cli`); builds it when missing.
 *
 * Env: BENCH_CLI_RUNS (30 measured runs of each), BENCH_CLI_TASKS (500).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, intEnv, log, onCleanup, round, runBench, summarize } from './lib/common.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const RUNS = intEnv('BENCH_CLI_RUNS', 30);
const TASKS = intEnv('BENCH_CLI_TASKS', 500);
const WARMUP = 3;
const SERVER_WARMUP = 100;
const CLI_DIR = join(REPO_ROOT, 'apps', 'cli');
const BIN = join(CLI_DIR, 'bin', 'maestro.cjs');

/** The same `task.list` call as the CLI makes, and the same `--json` envelope, with nothing else. */
const BARE_REQUEST = `
const http = require('node:http');
const input = encodeURIComponent(JSON.stringify({ 0: { projectId: process.env.MAESTRO_PROJECT_ID, limit: 500 } }));
const url = process.env.MAESTRO_API_URL + '/trpc/task.list?batch=1&input=' + input;
http.get(url, { headers: { authorization: 'Bearer ' + process.env.MAESTRO_TOKEN } }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (d) => (body += d));
  res.on('end', () => process.stdout.write(JSON.stringify({ success: true, data: JSON.parse(body)[0].result.data }) + '\\n'));
});
`;

function ensureBuilt() {
  if (existsSync(join(CLI_DIR, 'dist', 'maestro-bundle.cjs'))) return;
  log('building the CLI (npm run build -w @maestro/cli)');
  const built = spawnSync(process.execPath, [join(CLI_DIR, 'build.mjs')], { cwd: CLI_DIR, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('CLI build failed');
}

/** Wall time of one process from spawn to exit, in ms; throws unless it exits 0. */
function timed(args, env) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { ms, stdout: run.stdout.toString() };
}

async function seed(server) {
  const client = clientPkg.createNodeClient({ url: server.url, token: server.token });
  const project = await client.trpc.project.create.mutate({ name: 'bench-cli-startup', workingDir: '/tmp' });
  const priorities = ['low', 'medium', 'high', 'urgent'];
  for (let i = 0; i < TASKS; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(TASKS, i + 25); j++) {
      batch.push(client.trpc.task.create.mutate({ projectId: project.id, title: `Task ${j}: a realistic title of some length`, priority: priorities[j % 4] }));
    }
    await Promise.all(batch);
  }
  // "Warm": the server's JIT has seen the listing path, as it has on a server that has been up a while.
  for (let i = 0; i < SERVER_WARMUP; i++) await client.trpc.task.list.query({ projectId: project.id, limit: 500 });
  client.close();
  return project.id;
}

await runBench('cli-startup', async () => {
  ensureBuilt();
  const server = await startServer({ LOG_LEVEL: 'warn' });
  log(`seeding ${TASKS} tasks`);
  const projectId = await seed(server);
  const home = mkdtempSync(join(tmpdir(), 'maestro-bench-cli-'));
  onCleanup(() => rmSync(home, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH ?? '', HOME: home, MAESTRO_API_URL: server.url, MAESTRO_TOKEN: server.token, MAESTRO_PROJECT_ID: projectId };
  const noCache = { ...env, MAESTRO_COMPILE_CACHE: '0' };
  const list = [BIN, 'task', 'list', '--json'];
  const bareScript = join(home, 'bare-request.cjs');
  writeFileSync(bareScript, BARE_REQUEST);

  for (const args of [list, [bareScript]]) {
    const first = JSON.parse(timed(args, env).stdout);
    const listed = first.success ? first.data.items.length : -1;
    if (listed !== TASKS) throw new Error(`${args.join(' ')} returned ${listed} tasks, expected ${TASKS}`);
  }
  for (let i = 0; i < WARMUP; i++) {
    timed(list, env);
    timed(['-e', '0'], env);
    timed([bareScript], env);
  }

  log(`${RUNS} interleaved runs each`);
  const cli = [];
  const node = [];
  const version = [];
  const cold = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(timed(['-e', '0'], env).ms);
    cli.push(timed(list, env).ms);
    bare.push(timed([bareScript], env).ms);
    version.push(timed([BIN, '--version'], env).ms);
    cold.push(timed(list, noCache).ms);
  }
  const cliMs = summarize(cli);
  const nodeMs = summarize(node);
  const bareMs = summarize(bare);
  const ratio = round(cliMs.p50 / nodeMs.p50);
  log(
    `task list --json p50 ${cliMs.p50} ms; node -e 0 p50 ${nodeMs.p50} ms; ratio ${ratio}; bare request p50 ${bareMs.p50} ms (ratio ${round(bareMs.p50 / nodeMs.p50)})`,
  );
  return {
    ok: true,
    tasks: TASKS,
    runs: RUNS,
    cliTaskListMedianMs: cliMs.p50,
    nodeMedianMs: nodeMs.p50,
    ratio,
    goal: { ratio: 1.5, met: ratio <= 1.5 },
    bareRequestMedianMs: bareMs.p50,
    bareRequestRatio: round(bareMs.p50 / nodeMs.p50),
    ratioToBareRequest: round(cliMs.p50 / bareMs.p50),
    cliTaskListMs: cliMs,
    nodeEmptyMs: nodeMs,
    bareRequestMs: bareMs,
    cliVersionMs: summarize(version),
    cliTaskListWithoutCodeCacheMs: summarize(cold),
  };
});
