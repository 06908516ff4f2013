import { mkdirSync, mkdtempSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { retentionMs, sweepSessionDirs } from './session-dirs.js';

const DAY = 86_400_000;

function sessionDir(runnerDir: string, id: string, ageDays: number): string {
  const dir = join(runnerDir, 'sessions', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'prompt.md'), 'prompt');
  const when = (Date.now() - ageDays * DAY) / 1000;
  utimesSync(dir, when, when);
  return dir;
}

test('removes ended sessions older than the retention; keeps young, live and unknown ones', async () => {
  const runnerDir = mkdtempSync(join(tmpdir(), 'maestro-sweep-'));
  const old = sessionDir(runnerDir, 'ses_oldended00', 9);
  const young = sessionDir(runnerDir, 'ses_youngended', 1);
  const live = sessionDir(runnerDir, 'ses_stillalive', 30);
  const unknown = sessionDir(runnerDir, 'ses_unknown000', 30);
  const status: Record<string, boolean | 'unknown'> = { ses_oldended00: true, ses_youngended: true, ses_stillalive: false, ses_unknown000: 'unknown' };
  const verdicts = await sweepSessionDirs({ runnerDir, ended: async (id) => status[id]!, olderThanMs: retentionMs(7) });
  expect(existsSync(old)).toBe(false);
  expect([young, live, unknown].every((d) => existsSync(d))).toBe(true);
  expect(verdicts.map((v) => [v.sessionId, v.removed])).toEqual([
    ['ses_oldended00', true],
    ['ses_stillalive', false],
    ['ses_unknown000', false],
    ['ses_youngended', false],
  ]);
});

test('retention 0 keeps everything; a dry run removes nothing', async () => {
  const runnerDir = mkdtempSync(join(tmpdir(), 'maestro-sweep-'));
  const dir = sessionDir(runnerDir, 'ses_oldended00', 400);
  expect(retentionMs(0)).toBe(Number.POSITIVE_INFINITY);
  expect((await sweepSessionDirs({ runnerDir, ended: async () => true, olderThanMs: retentionMs(0) }))[0]?.removed).toBe(false);
  expect((await sweepSessionDirs({ runnerDir, ended: async () => true, olderThanMs: 0, dryRun: true }))[0]).toMatchObject({ removed: false, kept: null });
  expect(existsSync(dir)).toBe(true);
});
