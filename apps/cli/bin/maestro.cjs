#!/usr/bin/env node
'use strict';
/**
 * The `maestro` executable. It is committed (not built) so that `npm ci`
 * links it as the workspace bin before anything is built; it runs the bundle
 * that `npm run build -w @maestro/cli` writes to dist/.
 *
 * It runs the bundle through V8's code cache: Node 20 cannot cache ES
 * modules, and parsing and compiling the ~350 KB bundle is a large part of a
 * cold start. The cache lives in $XDG_CACHE_HOME/maestro (default
 * ~/.cache/maestro, mode 0700), is keyed by the bundle's content hash, the
 * Node version and the architecture, and V8 rejects one that does not fit.
 * MAESTRO_COMPILE_CACHE=0 turns it off. This bootstrap reads those three
 * variables itself; everything else in the CLI reads the environment in src/env.ts.
 */
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'maestro-bundle.cjs');

function read(path, encoding) {
  try {
    return readFileSync(path, encoding);
  } catch {
    return undefined;
  }
}

function cachePaths(hash) {
  const env = process.env;
  if (!hash || env.MAESTRO_COMPILE_CACHE === '0') return undefined;
  const home = env.HOME || require('node:os').homedir();
  const dir = join(env.XDG_CACHE_HOME || join(home, '.cache'), 'maestro');
  return { dir, name: `${hash}-${process.version}-${process.arch}.bin`, file: join(dir, `${hash}-${process.version}-${process.arch}.bin`) };
}

/** Saved after the command ran, so the functions it compiled lazily are in the cache too. */
function saveCache(cache, script) {
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const temp = `${cache.file}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, cache.file);
    // Caches of earlier builds are never read again.
    for (const old of readdirSync(cache.dir)) if (old.endsWith('.bin') && old !== cache.name) rmSync(join(cache.dir, old), { force: true });
  } catch {
    // A read-only or full disk costs start-up time, never the command.
  }
}

const source = read(bundle, 'utf8');
if (source === undefined) {
  process.stderr.write('maestro is not built yet: run `npm run build -w @maestro/cli` (or `npm run build`) in the Maestro repository.\n');
  process.exit(1);
}
const cache = cachePaths((read(join(dist, 'maestro-bundle.hash'), 'utf8') || '').trim());
const cachedData = cache && read(cache.file);
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData,
});
if (cache && (!cachedData || script.cachedDataRejected)) process.once('exit', () => saveCache(cache, script));
const commonJsModule = { exports: {} };
script.runInThisContext()(commonJsModule.exports, require, commonJsModule, bundle, dist);
