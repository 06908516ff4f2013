import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot, sh } from './helpers.js';

test('every shell script is shellcheck-clean', () => {
  const scripts = readdirSync(join(repoRoot, 'scripts'))
    .filter((f) => f.endsWith('.sh'))
    .map((f) => `scripts/${f}`);
  expect(scripts.length).toBeGreaterThanOrEqual(6);
  sh('shellcheck', ['-x', ...scripts, '.ci/run'], { cwd: repoRoot });
});

test.each(['staging', 'production'])('deploy-%s.sh --dry-run prints every step and runs none', (environment) => {
  // No docker on PATH: a dry run must not need it.
  const out = sh(join(repoRoot, `scripts/deploy-${environment}.sh`), ['--dry-run'], { env: { PATH: '/usr/bin:/bin', HOME: '/tmp' } });
  for (const step of ['1/5 build', '2/5 back up', '3/5 start', '4/5 wait for', '5/5 if not healthy: roll back']) expect(out).toContain(step);
  expect(out).toContain(`--project-name maestro-${environment} --env-file .env.${environment}`);
  expect(out).toMatch(/\+ docker build --target server/);
  expect(out).toMatch(/\+ env MAESTRO_IMAGE=<previous> docker compose/);
});

test('a deploy without its env file stops before doing anything', () => {
  expect(() => sh(join(repoRoot, 'scripts/deploy-staging.sh'), ['--env-file', '/nonexistent.env'])).toThrow(/not found; copy .env.example/);
});
