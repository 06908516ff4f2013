import type { Session } from '@maestro/schemas/session';
import { expect, test } from 'vitest';
import { painter } from '../../output.js';
import { FIXTURE_AT, sessionFixture } from '../../testing/fixtures.js';
import { sessionSummary, sessionTable } from './render.js';

const plain = painter(false);
const AT = FIXTURE_AT;
const session = (fields: Partial<Session> = {}): Session => sessionFixture({ taskIds: ['tsk_0000000001', 'tsk_0000000002'], ...fields });

test('the session table: none, and a live session whose stop was asked for reads "stopping"', () => {
  expect(sessionTable([], plain)).toBe('No sessions.');
  const rows = sessionTable(
    [session(), session({ id: 'ses_0000000002', stopRequestedAt: AT }), session({ id: 'ses_0000000003', status: 'stopped', stopRequestedAt: AT })],
    plain,
  ).split('\n');
  expect(rows[1]).toMatch(/^ses_0000000001\s+active\s+claude\s+worker\s+tsk_0000000001,tsk_0000000002\s+worker-1/);
  expect(rows[2]).toMatch(/^ses_0000000002\s+stopping\s/);
  expect(rows[3]).toMatch(/^ses_0000000003\s+stopped\s/);
});

test('a session summary shows the optional fields only when set', () => {
  const bare = sessionSummary(session(), plain);
  expect(bare).toMatch(/^agent:\s+claude$/m);
  expect(bare).toMatch(/^role:\s+worker$/m);
  expect(bare).not.toMatch(/^(directory|branch|pid|exit|error):/m);
  const full = sessionSummary(
    session({
      agent: 'custom',
      command: 'npm test',
      skill: 'maestro-worker',
      workingDir: '/srv/wt',
      branch: 'maestro/parser',
      pid: 42,
      status: 'failed',
      exitCode: 3,
      error: 'tests failed',
    }),
    plain,
  );
  expect(full).toMatch(/^agent:\s+custom: npm test$/m);
  expect(full).toMatch(/^role:\s+worker \(skill maestro-worker\)$/m);
  expect(full).toMatch(/^directory:\s+\/srv\/wt$/m);
  expect(full).toMatch(/^branch:\s+maestro\/parser$/m);
  expect(full).toMatch(/^pid:\s+42$/m);
  expect(full).toMatch(/^exit:\s+3$/m);
  expect(full).toMatch(/^error:\s+tests failed$/m);
  expect(sessionSummary(session({ status: 'stopped', signal: 'SIGTERM' }), plain)).toMatch(/^exit:\s+SIGTERM$/m);
});
