import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const exec = promisify(execFile);
const CLI_DIR = fileURLToPath(new URL('../', import.meta.url));
const REPO_ROOT = join(CLI_DIR, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** A fresh HOME, so npm's caches and config of one test never leak into another. */
const tempHome = () => mkdtempSync(join(tmpdir(), 'maestro-cli-home-'));
const env = () => ({ ...process.env, HOME: tempHome(), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });

describe('installing `maestro`', () => {
  test('`npx maestro` works from the repository root (workspace bin)', async () => {
    const { stdout } = await exec(npm, ['exec', '--', 'maestro', 'whoami', '--json'], { cwd: REPO_ROOT, env: env() });
    expect(JSON.parse(stdout)).toMatchObject({ success: true, data: { inSession: false } });
  });

  test('the packed package installs globally as `maestro` and runs on its own', async () => {
    const work = mkdtempSync(join(tmpdir(), 'maestro-pack-'));
    await exec(npm, ['pack', '--pack-destination', work], { cwd: CLI_DIR, env: env() });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const prefix = join(work, 'global');
    await exec(npm, ['install', '--global', '--prefix', prefix, '--prefer-offline', join(work, tarball!)], { cwd: work, env: env() });
    const bin = join(prefix, 'bin', 'maestro');
    const { stdout } = await exec(bin, ['--version'], { cwd: work, env: env() });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await exec(bin, ['task', '--help'], { cwd: work, env: env() });
    expect(help.stdout).toContain('maestro task');
  });
});
