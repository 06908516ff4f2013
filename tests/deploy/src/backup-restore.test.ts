import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { freePort, repoRoot, sh, start, waitHealthy } from './helpers.js';

/** scripts/backup.sh and scripts/restore.sh on a real PostgreSQL (PG_TEST_URL names the server; trust auth). */
const admin = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const suffix = `${process.pid}_${Date.now()}`;
const source = `maestro_backup_src_${suffix}`;
const target = `maestro_backup_dst_${suffix}`;
const dbUrl = (name: string) => admin.replace(/\/[^/]*$/, `/${name}`);
const work = mkdtempSync(join(tmpdir(), 'maestro-backup-'));
const token = 'backup-test-token-0123456789abcdefghij';

afterAll(() => {
  for (const db of [source, target]) sh('psql', [admin, '-qc', `drop database if exists ${db} with (force)`]);
  rmSync(work, { recursive: true, force: true });
});

/** The built server on `database` while `body` runs. */
async function withServer<T>(database: string, body: (url: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    PORT: String(port),
    DATABASE_URL: dbUrl(database),
    MAESTRO_TOKEN: token,
    MAESTRO_WEB: 'off',
    LOG_LEVEL: 'warn',
  };
  const server = start('node', ['apps/server/dist/main.js'], { cwd: repoRoot, env: { ...env, MAESTRO_DATA_DIR: join(work, `data-${port}`) } });
  try {
    await waitHealthy(url, server.child, server.output);
    return await body(url);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

function cli(url: string, args: string[]): string {
  const env = { PATH: process.env.PATH, HOME: work, MAESTRO_API_URL: url, MAESTRO_TOKEN: token, MAESTRO_CONFIG: join(work, 'cli.json') };
  return sh('node', ['apps/cli/bin/maestro.cjs', ...args, '--json'], { cwd: repoRoot, env });
}

test('a backup restores into an empty database with every row, and old backups are pruned', async () => {
  sh('psql', [admin, '-qc', `create database ${source}`]);
  sh('psql', [admin, '-qc', `create database ${target}`]);
  await withServer(source, async (url) => {
    cli(url, ['project', 'create', 'backed-up', '--dir', work]);
    cli(url, ['task', 'create', 'survives a restore']);
  });

  const backups = join(work, 'backups');
  mkdirSync(backups);
  // Three older dumps: with MAESTRO_BACKUP_KEEP=2 only the newest old one and the new one stay.
  for (const day of ['01', '02', '03']) writeFileSync(join(backups, `maestro-202601${day}T000000Z.dump`), 'old');
  const env = { ...process.env, DATABASE_URL: dbUrl(source), MAESTRO_BACKUP_DIR: backups, MAESTRO_BACKUP_KEEP: '2' };
  const file = sh(join(repoRoot, 'scripts/backup.sh'), [], { env }).trim();
  expect(readdirSync(backups).sort()).toEqual(['maestro-20260103T000000Z.dump', file.split('/').pop()]);

  sh(join(repoRoot, 'scripts/restore.sh'), [file], { env: { ...process.env, DATABASE_URL: dbUrl(target) } });
  const count = (db: string, table: string) => sh('psql', [dbUrl(db), '-tAc', `select count(*) from ${table}`]).trim();
  const tables = sh('psql', [dbUrl(source), '-tAc', "select tablename from pg_tables where schemaname = 'public' order by 1"])
    .trim()
    .split('\n');
  expect(tables.length).toBeGreaterThan(3);
  for (const table of tables) expect(count(target, table), table).toBe(count(source, table));

  // The restored database serves the same data.
  const listed = await withServer(target, async (url) => cli(url, ['task', 'list']));
  expect(listed).toContain('survives a restore');
});
