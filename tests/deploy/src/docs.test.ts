import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot, sh } from './helpers.js';

/**
 * docs/deployment.md's commands, as far as this machine allows (no container
 * engine): the scripts and npm scripts it names exist, the variables it
 * documents are the ones the server reads, the compose commands validate, the
 * dry runs run. backup-restore.test.ts and production-install.test.ts run the
 * backup, restore and release commands themselves.
 */
const doc = readFileSync(join(repoRoot, 'docs/deployment.md'), 'utf8');
const envSource = readFileSync(join(repoRoot, 'apps/server/src/env.ts'), 'utf8');

test('every script it names exists and is executable', () => {
  const scripts = [...new Set(doc.match(/scripts\/[\w.-]+\.sh/g))];
  expect(scripts.length).toBeGreaterThanOrEqual(5);
  for (const script of scripts) expect(statSync(join(repoRoot, script)).mode & 0o111, script).not.toBe(0);
});

test('every npm script it names exists', () => {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  for (const [, name] of doc.matchAll(/npm run ([\w:-]+)/g)) if (name !== 'build') expect(scripts[name!], name).toBeDefined();
});

test('every server variable in its configuration table is one the server reads', () => {
  const table = doc.slice(doc.indexOf('## Configuration'), doc.indexOf('## Laptop'));
  const names = [...table.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]!);
  expect(names.length).toBeGreaterThanOrEqual(8);
  for (const name of names) expect(envSource, name).toContain(`${name}:`);
  for (const [, name] of table.matchAll(/`([A-Z_]+)` \/ `([A-Z_]+)`/g)) expect(envSource).toContain(`${name}:`);
});

test('the compose commands validate with .env made as it says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-compose-'));
  const env = readFileSync(join(repoRoot, '.env.example'), 'utf8')
    .replace(/^MAESTRO_TOKEN=$/m, `MAESTRO_TOKEN=${'docs-test-'.repeat(4)}0123456789`)
    .replace(/^POSTGRES_PASSWORD=$/m, 'POSTGRES_PASSWORD=docs');
  writeFileSync(join(dir, '.env'), env);
  writeFileSync(join(dir, 'docker-compose.yml'), readFileSync(join(repoRoot, 'docker-compose.yml')));
  const compose = sh('sh', ['-c', 'docker compose version >/dev/null 2>&1 && echo "docker compose" || echo docker-compose']).trim().split(' ');
  expect(doc).toContain('docker compose config --quiet');
  sh(compose[0]!, [...compose.slice(1), 'config', '--quiet'], { cwd: dir });
  expect(
    sh(compose[0]!, [...compose.slice(1), '--profile', 'runner', 'config', '--services'], { cwd: dir })
      .split('\n')
      .sort(),
  ).toContain('runner');
  // Without the secrets .env.example leaves empty, it refuses with the reason.
  writeFileSync(join(dir, '.env'), readFileSync(join(repoRoot, '.env.example')));
  expect(() => sh(compose[0]!, [...compose.slice(1), 'config', '--quiet'], { cwd: dir })).toThrow(/set (POSTGRES_PASSWORD|MAESTRO_TOKEN) in \.env/);
});

test('the deploy dry runs it shows run', () => {
  expect(doc).toContain('scripts/deploy-staging.sh --dry-run');
  expect(sh(join(repoRoot, 'scripts/deploy-staging.sh'), ['--dry-run'])).toContain('5/5');
});

test('the cron line is a valid command line and names the backup script', () => {
  const cron = doc.match(/^0 \* \* \* \* (.+)$/m)?.[1];
  expect(cron).toContain('scripts/backup.sh');
  sh('bash', ['-n', '-c', cron!]);
});

test('the Dockerfile it describes has the stages, user and checks it names', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  for (const stage of ['build', 'prod-deps', 'server', 'runner']) expect(dockerfile).toMatch(new RegExp(`^FROM .* AS ${stage}$`, 'm'));
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
  expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
  expect(dockerfile).toMatch(/^EXPOSE 4800$/m);
  expect(dockerfile).toContain('scripts/assemble-release.sh /release');
  expect(dockerfile).toContain('npm ci --omit=dev');
  expect(existsSync(join(repoRoot, '.dockerignore'))).toBe(true);
});
