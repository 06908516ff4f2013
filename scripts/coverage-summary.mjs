#!/usr/bin/env node
// Merges the coverage every package's `test` run wrote (coverage/coverage-final.json,
// each run reporting every covered package's sources: see vitest.shared.ts; the
// PostgreSQL rerun's coverage-postgres/ too when it ran) and what the processes those runs
// spawned ran (coverage-spawned/, see spawned-coverage.mjs), prints each covered package's line
// and branch totals next to its floor, and exits 1 when one is below its floor or a run left no
// coverage. A line run by any package's tests counts, in vitest's process or in one it spawned.
import { existsSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import libCoverage from 'istanbul-lib-coverage';
import { addHitsByPosition } from './spawned-coverage.mjs';

/**
 * Every package is held at 80/80 (lines/branches). Measured in one full .ci/run on 2026-12-03 at
 * 83dfd80: api 97.2 / 90.0, db 96.4 / 84.5, client 100 / 97.8, runner 94.8 / 81.9, cli 92.3 / 82.8
 * (spawned `maestro` and runner processes counted). Timing-dependent paths (retries, reconnects)
 * move branch figures by about 1.5 points between runs on the same commit.
 */
const FLOORS = {
  'packages/api': { lines: 80, branches: 80 },
  'packages/db': { lines: 80, branches: 80 },
  'packages/client': { lines: 80, branches: 80 },
  'packages/runner': { lines: 80, branches: 80 },
  'apps/cli': { lines: 80, branches: 80 },
};
/** Runs whose coverage goes into the merge: the covered packages, the server's in-process tests and the whole-product tests (tests/e2e). */
const RUNS = [...Object.keys(FLOORS), 'apps/server', 'tests/e2e'];

// Each package's own run (which reports all its files, loaded or not) defines its files' statements
// and branches; every other run, and the processes the runs spawned (scripts/spawned-coverage.mjs),
// add their hits onto those by position. Merging other runs' maps as they are would count some
// branches twice: vitest maps a file no test of a run loads with open end columns and a loaded one
// with exact ones, and istanbul's merge keys branches by their full location.
const map = libCoverage.createCoverageMap({});
let failed = false;
const merged = [];
const others = [];
const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const ownFiles = (dir, data) => Object.fromEntries(Object.entries(data).filter(([file]) => file.startsWith(resolve(dir, 'src') + sep)));
for (const dir of RUNS) {
  const file = `${dir}/coverage/coverage-final.json`;
  if (!existsSync(file)) {
    console.log(`${dir}: no coverage (its tests did not run to the end)`);
    failed = true;
    continue;
  }
  const runs = [read(file)];
  // The PostgreSQL rerun's, when it ran (CI runs it before this script).
  const postgres = `${dir}/coverage-postgres/coverage-final.json`;
  if (existsSync(postgres)) {
    runs.push(read(postgres));
    merged.push(`${dir} (PostgreSQL)`);
  }
  for (const data of runs) {
    map.merge(ownFiles(dir, data));
    others.push(data);
  }
}
console.log(`merged: the PGlite runs${merged.length ? ` and ${merged.join(', ')}` : ' (no PostgreSQL run found)'}`);
for (const data of others) addHitsByPosition(map, data);

const spawned = [];
for (const dir of RUNS) {
  for (const run of ['coverage', 'coverage-postgres']) {
    const file = `${dir}/${run}-spawned/coverage-final.json`;
    if (!existsSync(file)) continue;
    addHitsByPosition(map, read(file));
    spawned.push(`${dir}${run === 'coverage' ? '' : ' (PostgreSQL)'}`);
  }
}
console.log(`spawned processes' coverage added from: ${spawned.length ? spawned.join(', ') : 'none'}`);

console.log('coverage (merged)   lines     branches   floor');
for (const [dir, floor] of Object.entries(FLOORS)) {
  const root = resolve(dir, 'src') + sep;
  const summary = libCoverage.createCoverageSummary();
  for (const path of map.files()) if (path.startsWith(root)) summary.merge(map.fileCoverageFor(path).toSummary());
  const { lines, branches } = summary;
  // No file counted (a run missing) reads as 'Unknown': below any floor.
  const value = (x) => (typeof x.pct === 'number' ? x.pct : -1);
  const below = value(lines) < floor.lines || value(branches) < floor.branches;
  if (below) failed = true;
  const pct = (x) => (value(x) < 0 ? '    n/a' : `${x.pct.toFixed(2).padStart(6)}%`);
  console.log(`${dir.padEnd(18)} ${pct(lines)}  ${pct(branches)}   ${floor.lines}/${floor.branches}${below ? '  BELOW THE FLOOR' : ''}`);
}
process.exit(failed ? 1 : 0);
