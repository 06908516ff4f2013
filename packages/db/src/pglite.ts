import { spawnSync } from 'node:child_process';
import { existsSync, fsyncSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PostgreSQL settings inside the embedded database. Stock PGlite reserves
 * 160 MB of shared_buffers, and PostgreSQL touches every page of it at start,
 * in a WebAssembly memory that never shrinks. Maestro's data is a few tens of
 * MB; pages beyond the buffers are re-read from the OS page cache.
 * maintenance_work_mem bounds what a migration's CREATE INDEX grabs (and then
 * keeps: the WebAssembly heap never gives memory back).
 */
const PGLITE_SETTINGS: readonly string[] = [
  'shared_buffers=16MB',
  'wal_buffers=1MB',
  'temp_buffers=1MB',
  'maintenance_work_mem=8MB',
  'work_mem=4MB',
  'max_connections=8',
];

/**
 * Durability on disk: PostgreSQL's own rules (fsync the WAL at every commit,
 * fsync the data files at each checkpoint before the WAL they need is
 * recycled). Stock PGlite starts with `-F` (fsync off), and its file system
 * layer drops fsync anyway; `wal_sync_method=fsync` routes WAL flushes to
 * fsync(), which DurableNodeFS makes real.
 */
const DURABLE_SETTINGS: readonly string[] = ['fsync=on', 'wal_sync_method=fsync', 'synchronous_commit=on', 'full_page_writes=on'];

function startParams(settings: readonly string[]): string[] {
  // '-F' (fsync off) is dropped: the settings say what durability is wanted.
  const base = PGlite.defaultStartParams.filter((p) => p !== '-F');
  return [...base, ...settings.flatMap((s) => ['-c', s])];
}

export interface PgliteHooks {
  /** Called after each fsync the database asked for, with the file's path on disk (tests observe durability with it). */
  onFsync?: (path: string) => void;
}

interface NodefsStream {
  nfd?: number;
  node: unknown;
}
interface EmscriptenNodefs {
  stream_ops: { fsync?: (stream: NodefsStream) => number };
  realPath(node: unknown): string;
}

/**
 * PGlite's Node file system (Emscripten NODEFS) has no fsync: PostgreSQL's
 * fsync() returned success with nothing flushed. This one passes it to the
 * real file, so what PostgreSQL considers durable is durable.
 */
class DurableNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    private readonly hooks: PgliteHooks,
  ) {
    super(dataDir);
  }

  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, opts);
    const preRun = result.emscriptenOpts.preRun ?? [];
    const hooks = this.hooks;
    const patch = (mod: { NODEFS: EmscriptenNodefs }) => {
      mod.NODEFS.stream_ops.fsync = (stream) => {
        if (stream.nfd === undefined) return 0;
        fsyncSync(stream.nfd);
        hooks.onFsync?.(mod.NODEFS.realPath(stream.node));
        return 0;
      };
    };
    result.emscriptenOpts.preRun = [...(Array.isArray(preRun) ? preRun : [preRun]), patch];
    return result;
  }
}

/**
 * A fresh cluster is made (initdb) in a short-lived child process: initdb runs
 * a second PostgreSQL in a second WebAssembly memory, and after it the server
 * process kept ~450 MB it never gave back. The child fsyncs every file it
 * wrote (PGlite copies the new cluster in without any) before it exits.
 */
function initClusterInChild(dataDir: string): void {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `
    import { readdirSync, openSync, fsyncSync, closeSync } from 'node:fs';
    import { join } from 'node:path';
    import { pathToFileURL } from 'node:url';
    const [entry, dir] = process.argv.slice(1);
    const { PGlite } = await import(pathToFileURL(entry).href);
    const pg = new PGlite(dir);
    await pg.waitReady;
    await pg.close();
    const sync = (path) => { const fd = openSync(path, 'r'); try { fsyncSync(fd); } finally { closeSync(fd); } };
    const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else if (e.isFile()) sync(p); } sync(d); };
    walk(dir);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, entry, dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.status !== 0) {
    throw new Error(`Could not create the embedded database in ${dataDir} (initdb exited ${child.status ?? child.signal}): ${child.stderr.trim()}`);
  }
}

/**
 * The embedded database. With a data directory: the cluster is made in a
 * child process when missing, commits are fsynced (durable across power loss),
 * and V8 compiles PostgreSQL's WebAssembly with its optimizing compiler only
 * (the baseline compiler's code and tier-up kept ~45 MB more, and ran queries
 * slower until hot code tiered up; a restart measured 3-5 s either way). Without
 * one: in memory, as tests use it, nothing to sync.
 */
export function openPglite(dataDir: string | undefined, hooks: PgliteHooks = {}): PGlite {
  // In memory there is no disk to sync to: fsync off, as stock PGlite runs.
  if (!dataDir) return new PGlite({ startParams: startParams(['fsync=off', ...PGLITE_SETTINGS]) });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) initClusterInChild(dataDir);
  // Process-wide, but PGlite is the only WebAssembly a Maestro server compiles.
  setFlagsFromString('--no-liftoff');
  const options: PGliteOptions = { fs: new DurableNodeFS(dataDir, hooks), startParams: startParams([...DURABLE_SETTINGS, ...PGLITE_SETTINGS]) };
  return new PGlite(options);
}
