import { session as sessionSchema, type Session } from '@maestro/schemas/session';
import { expect, test } from 'vitest';
import { painter } from '../../output.js';
import { sessionSummary, sessionTable } from './render.js';

const plain = painter(false);
const AT = '2026-12-03T10:00:00.000Z';
/** A session as the server returns it, parsed by the published schema so the fixture cannot drift from it. */
const session = (fields: Partial<Session> = {}): Session =>
  sessionSchema.parse({
    id: 'ses_0000000001',
    projectId: 'prj_0000000001',
    name: 'worker-1',
    role: 'worker',
    skill: null,
    agent: 'claude',
    command: null,
    worktree: false,
    workingDir: null,
    branch: null,
    status: 'active',
    runnerId: null,
    pid: null,
    exitCode: null,
    signal: null,
    error: null,
    parentSessionId: null,
    spawnedBy: 'user',
    taskIds: ['tsk_0000000001', 'tsk_0000000002'],
    cols: 120,
    rows: 32,
    sizeController: null,
    createdAt: AT,
    updatedAt: AT,
    startedAt: AT,
    endedAt: null,
    stopRequestedAt: null,
    attention: null,
    seenAt: null,
    ...fields,
  });

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
