#!/usr/bin/env node
// Sums the vitest JSON reports written under MAESTRO_TEST_REPORT_DIR into one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.MAESTRO_TEST_REPORT_DIR ?? '.test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
let files = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  files++;
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
// The dashboard's Playwright run saves its screenshots (light and dark) here; CI keeps the folder.
const shots = join(dir, 'screenshots');
const pngs = existsSync(shots) ? readdirSync(shots).filter((f) => f.endsWith('.png')) : [];
console.log(`\n${pngs.length} dashboard screenshots in ${shots}${pngs.length ? `: ${pngs.join(', ')}` : ''}`);
console.log(`${files} vitest runs`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exit(1);
