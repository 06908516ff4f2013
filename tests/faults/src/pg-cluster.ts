import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@maestro/server/testing';

const run = promisify(execFile);

/** PG_BIN_DIR, else the newest PostgreSQL under /usr/lib/postgresql (Debian's layout; CI installs whichever version Debian ships). */
function binDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((x, y) => Number(y) - Number(x))[0];
  if (!newest)
    throw new Error('No PostgreSQL binaries under /usr/lib/postgresql: install postgresql, or set PG_BIN_DIR to the directory holding initdb and pg_ctl');
  return join('/usr/lib/postgresql', newest, 'bin');
}
const BIN = binDir();

/**
 * A throwaway PostgreSQL cluster of the test's own (initdb into a temp dir, a
 * free port, trust auth on loopback) that the test can stop and start: the
 * machine's shared cluster is never touched. As root the cluster runs as the
 * `postgres` user, since PostgreSQL refuses to run as root.
 */
export async function createPgCluster() {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const pg = await run('id', ['-u', 'postgres']).then((r) => Number(r.stdout.trim()));
    const gid = await run('id', ['-g', 'postgres']).then((r) => Number(r.stdout.trim()));
    chownSync(dir, pg, gid);
  }
  chmodSync(dir, 0o700);
  const pgRun = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]) : run(join(BIN, cmd), args));
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = () => pgRun('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']).then(() => undefined);
  /** `fast`: connections are ended, as an outage or a restart would. */
  const stop = () => pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']).then(() => undefined);
  await start();
  await run(join(BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-qc', 'create database maestro', 'postgres']);
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/maestro`,
    start,
    stop,
    async destroy() {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type PgCluster = Awaited<ReturnType<typeof createPgCluster>>;
