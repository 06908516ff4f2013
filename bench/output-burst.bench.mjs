/**
 * Output burst: an agent writes 20 MB to its terminal; a subscriber of
 * `session.onOutput` receives it. Reports MB/s from spawn to the last byte at
 * the subscriber, a byte-exact check (sha256), and the server's RSS growth.
 * Baseline in the same run: the same bytes through a bare PTY (node-pty).
 *
 * Env: BENCH_BURST_MB (20). Goals from the issue: ≥ 10 MB/s, RSS growth ≤ 64 MB.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from '@lydell/node-pty';
import { intEnv, log, onCleanup, round, runBench } from './lib/common.mjs';
import { startRunner } from './lib/runner.mjs';
import { startServer } from './lib/server.mjs';
import { client as clientPkg } from './lib/workspace.mjs';

const MB = intEnv('BENCH_BURST_MB', 20);
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
  const task = await client.trpc.task.create.mutate({ projectId: project.id, title: 'burst' });
  const rssBefore = rssMiB(server.child.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(server.child.pid))), 100);
  onCleanup(() => clearInterval(sampler));

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
  clearInterval(sampler);
  const seconds = (lastAt - t0) / 1000;
  const bare = await barePty(file);
  const mbps = BYTES / 2 ** 20 / seconds;
  const bareMbps = bare.bytes / 2 ** 20 / bare.seconds;
  log(`burst ${MB} MB: ${round(mbps)} MB/s (bare PTY ${round(bareMbps)} MB/s), RSS +${round(rssPeak - rssBefore)} MiB`);
  client.close();
  const exact = received === BYTES && hash.digest('hex') === expected;
  return {
    ok: exact,
    megabytes: MB,
    byteExact: exact,
    receivedBytes: received,
    seconds: round(seconds, 3),
    throughputMBps: round(mbps),
    baselineBarePtyMBps: round(bareMbps),
    ratio: round(mbps / bareMbps, 3),
    serverRssMiB: { before: round(rssBefore), peak: round(rssPeak), growth: round(rssPeak - rssBefore) },
    goals: { minMBps: 10, metThroughput: mbps >= 10, maxRssGrowthMiB: 64, metRss: rssPeak - rssBefore <= 64 },
  };
});
