#!/usr/bin/env node
/**
 * Patches postgres.js 3.4.9 (npm postinstall) against a crash upstream has
 * not fixed (porsager/postgres#1066, #1154, #1208; unmerged PRs #1168, #1176):
 * when PostgreSQL closes a connection while a transaction uses it (the
 * server's idle_in_transaction_session_timeout ending a paused server's
 * transaction, a restart, a dropped path), postgres.js still writes the
 * transaction's ROLLBACK to it. The write runs from a setImmediate after the
 * socket was nulled, throws a TypeError no caller can catch, and the process
 * dies (tests/faults/src/frozen-server.test.ts). Teardown also left the write
 * timer set, so a reused connection never flushed again.
 *
 * The patch: a query on a closed connection is refused (CONNECTION_CLOSED),
 * a write with no socket is dropped, and teardown resets the write buffer.
 * Idempotent; fails loudly when the source no longer matches (an upgrade:
 * check whether upstream fixed it, then drop or adapt this script).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* maestro: closed-connection patch */';
const PATCHED_VERSION = '3.4.9';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');

const EDITS = [
  [
    "  function execute(q) {\n    if (terminated)\n      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n",
    // true: the connection stays in the pool's closed queue, to be reconnected (a falsy answer would file it as full).
    `  function execute(q) {\n    if (terminated)\n      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n\n    ${MARK}\n    if (!socket)\n      return (queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true)\n`,
  ],
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
    '  function nextWrite(fn) {\n    if (!socket)\n      return (chunk = nextWriteTimer = null, false)\n    const x = socket.write(chunk, fn)\n',
  ],
  ['\n    clearImmediate(nextWriteTimer)\n', '\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n'],
];

function patch(file) {
  const source = readFileSync(file, 'utf8');
  if (source.includes(MARK)) return false;
  let out = source;
  for (const [from, to] of EDITS) {
    if (!out.includes(from)) throw new Error(`patch-postgres: ${file} does not contain the expected code; see scripts/patch-postgres.mjs`);
    out = out.replaceAll(from, to);
  }
  writeFileSync(file, out);
  return true;
}

if (!existsSync(join(root, 'package.json'))) process.exit(0);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (version !== PATCHED_VERSION) {
  console.error(`patch-postgres: postgres ${version} installed, the patch is for ${PATCHED_VERSION}; see scripts/patch-postgres.mjs`);
  process.exit(1);
}
const files = ['src', 'cjs/src', 'cf/src'].map((dir) => join(root, dir, 'connection.js')).filter((f) => existsSync(f));
const changed = files.filter(patch);
if (changed.length > 0) console.log(`patch-postgres: patched ${changed.length} file(s) of postgres ${version}`);
