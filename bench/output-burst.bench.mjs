/**
 * Output burst: an agent writes 20 MB to its terminal; a subscriber of
 * `session.onOutput` receives it. Reports MB/s from spawn to the last byte at
 * the subscriber, a byte-exact check (sha256), and the server's RSS growth.
 * Baseline in the same run: the same bytes through a bare PTY (node-pty).
 *
 * Runs BENCH_BURST_RUNS bursts (5), each a new session, each followed by its
 * bare-PTY baseline, and reports the medians (this shared 2-core machine
 * varies by ±20 % from one burst to the next).
 *
 * Env: BENCH_BURST_MB (20), BENCH_BURST_RUNS (5). Goals from the issue:
 * ≥ 10 MB/s, RSS growth ≤ 64 MB.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from '@lydell/node-pty';
import { intEnv, log, onCleanup, round, runBench, summarize } from './lib/common.mjs';
import { startRunner } from './lib/runner.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const MB = intEnv('BENCH_BURST_MB', 20);
const RUNS = intEnv('BENCH_BURST_RUNS', 5);
const BYTES = MB * 1024 * 1024;

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

function barePty(file) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let n = 0;
    const term = pty.spawn('/bin/bash', ['-c', `stty -opost -echo; cat ${file}`], { env: process.env, encoding: null });
    term.onData((d) => (n += d.length));
    term.onExit(() => resolve({ bytes: n, seconds: (performance.now() - t0) / 1000 }));
  });
}

/** One burst: spawn → the last byte at a subscriber of `session.onOutput` from the start. */
async function burst(client, projectId, file, expected, run) {
  const task = await client.trpc.task.create.mutate({ projectId, title: `burst ${run}` });
  const t0 = performance.now();
  const session = await client.trpc.session.spawn.mutate({ taskIds: [task.id], agent: 'custom', command: `stty -opost -echo; cat ${file}` });
  const hash = createHash('sha256');
  let received = 0;
  let lastAt = t0;
  await new Promise((resolve, reject) => {
    const sub = client.trpc.session.onOutput.subscribe(
      { id: session.id },
      {
        onData: ({ data }) => {
          const buf = Buffer.from(data.data, 'base64');
          hash.update(buf);
          received += buf.length;
          lastAt = performance.now();
          if (received >= BYTES) {
            sub.unsubscribe();
            resolve();
          }
        },
        onComplete: resolve,
        onError: reject,
      },
    );
  });
  const seconds = (lastAt - t0) / 1000;
  return { seconds, mbps: BYTES / 2 ** 20 / seconds, exact: received === BYTES && hash.digest('hex') === expected };
}

await runBench('output-burst', async () => {
  const file = join(tmpdir(), `maestro-burst-${process.pid}.bin`);
  const payload = randomBytes(BYTES);
  writeFileSync(file, payload);
  onCleanup(() => rmSync(file, { force: true }));
  const expected = createHash('sha256').update(payload).digest('hex');

  const server = await startServer({ LOG_LEVEL: 'warn' });
  await startRunner(server);
  const client = clientPkg.createNodeClient({ url: server.url, token: server.token });
  const project = await client.trpc.project.create.mutate({ name: 'bench-burst', workingDir: '/tmp' });
  const rssBefore = rssMiB(server.child.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(server.child.pid))), 100);
  onCleanup(() => clearInterval(sampler));

  const runs = [];
  const bareRuns = [];
  for (let run = 0; run < RUNS; run++) {
    runs.push(await burst(client, project.id, file, expected, run));
    const bare = await barePty(file);
    bareRuns.push(bare.bytes / 2 ** 20 / bare.seconds);
    log(`burst ${run + 1}/${RUNS}: ${round(runs.at(-1).mbps)} MB/s (bare PTY ${round(bareRuns.at(-1))} MB/s)`);
  }
  clearInterval(sampler);
  client.close();
  const mbps = summarize(runs.map((r) => r.mbps)).p50;
  const bareMbps = summarize(bareRuns).p50;
  const exact = runs.every((r) => r.exact);
  log(`${MB} MB × ${RUNS}: median ${mbps} MB/s (bare PTY ${bareMbps} MB/s), RSS +${round(rssPeak - rssBefore)} MiB`);
  return {
    ok: exact,
    megabytes: MB,
    runs: RUNS,
    byteExact: exact,
    throughputMBps: mbps,
    throughputMBpsEachRun: runs.map((r) => round(r.mbps)),
    baselineBarePtyMBps: bareMbps,
    baselineBarePtyMBpsEachRun: bareRuns.map((m) => round(m)),
    ratio: round(mbps / bareMbps, 3),
    serverRssMiB: { before: round(rssBefore), peak: round(rssPeak), growth: round(rssPeak - rssBefore) },
    goals: { minMBps: 10, metThroughput: mbps >= 10, maxRssGrowthMiB: 64, metRss: rssPeak - rssBefore <= 64 },
  };
});
