#!/usr/bin/env node
// Prints the line and branch coverage each covered package's `test` run wrote
// (coverage/coverage-summary.json) next to the package's threshold. The
// thresholds themselves are enforced by vitest in each package's run.
import { existsSync, readFileSync } from 'node:fs';

const packages = ['packages/api', 'packages/db', 'packages/client', 'packages/runner', 'apps/cli'];
let missing = 0;
console.log('coverage      lines     branches');
for (const dir of packages) {
  const file = `${dir}/coverage/coverage-summary.json`;
  if (!existsSync(file)) {
    console.log(`${dir.padEnd(16)} no summary (its tests did not run to the end)`);
    missing++;
    continue;
  }
  const { total } = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`${dir.padEnd(16)} ${total.lines.pct.toFixed(2).padStart(6)}%  ${total.branches.pct.toFixed(2).padStart(6)}%`);
}
process.exit(missing ? 1 : 0);
