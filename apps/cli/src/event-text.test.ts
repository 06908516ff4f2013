import { maestroEvent } from '@maestro/schemas/events';
import type { Session } from '@maestro/schemas/session';
import { describe, expect, test } from 'vitest';
import { actorText, eventLine, eventTable, eventText, type WireEvent } from './event-text.js';
import { painter } from './output.js';
import { sessionFixture, taskFixture } from './testing/fixtures.js';

/** The events' time: every field of the clock differs, so a line that prints the wrong one fails. */
const AT = '2026-12-03T10:11:12.000Z';
const TASK = taskFixture();
const SESSION = sessionFixture({ agent: 'custom', status: 'spawning', startedAt: null });

/** An event as the server sends it: parsed by the published event schema, so a fixture that drifts from it fails here. */
function event(type: WireEvent['type'], payload: unknown, actor = 'user'): WireEvent {
  return maestroEvent.parse({
    id: 7,
    projectId: 'prj_0000000001',
    taskId: null,
    sessionId: null,
    actor,
    createdAt: AT,
    type,
    payload,
  });
}
const session = (fields: Partial<Session>) => ({ ...SESSION, ...fields });
const updated = (fields: Partial<Session>, changes: Record<string, { from: unknown; to: unknown }>, reason?: string) =>
  eventText(event('session:updated', { session: session(fields), changes, ...(reason === undefined ? {} : { reason }) }));

describe('eventText says what happened in one line', () => {
  test('tasks, subtasks and projects', () => {
    expect(eventText(event('task:created', { task: TASK }))).toBe('tsk_0000000001 "write the parser"');
    expect(eventText(event('task:updated', { task: TASK, action: 'update', changes: { priority: { from: 'medium', to: 'high' } } }))).toBe(
      'tsk_0000000001 update: priority "medium" → "high"',
    );
    // The reason is said once, not again as the blockedReason change it caused.
    const blocked = { task: TASK, action: 'block', changes: { blockedReason: { from: null, to: 'waiting' } }, reason: 'waiting' };
    expect(eventText(event('task:updated', blocked))).toBe('tsk_0000000001 block (waiting)');
    expect(eventText(event('task:deleted', { taskId: TASK.id, title: 'old', deletedIds: [TASK.id] }))).toBe('tsk_0000000001 "old"');
    expect(eventText(event('task:commented', { taskId: TASK.id, body: 'looks\n\n good' }))).toBe('tsk_0000000001: looks good');
    expect(eventText(event('task:dependency_added', { taskId: TASK.id, dependsOnId: 'tsk_0000000002' }))).toBe('tsk_0000000001 → tsk_0000000002');
    const subtask = { ...TASK, id: 'tsk_0000000003', parentId: TASK.id, title: 'lexer' };
    expect(eventText(event('subtask:created', { subtask }))).toBe('tsk_0000000003 "lexer" under tsk_0000000001');
    expect(eventText(event('subtask:updated', { subtask, changes: { title: { from: 'lex', to: 'lexer' } } }))).toBe('tsk_0000000003: title "lex" → "lexer"');
    expect(eventText(event('subtask:updated', { subtask, changes: {} }))).toBe('tsk_0000000003');
    expect(eventText(event('subtask:deleted', { subtaskId: 'tsk_0000000003', title: 'lexer' }))).toBe('tsk_0000000003 "lexer"');
    const project = { id: 'prj_0000000001', name: 'demo', description: '', workingDir: '/tmp', createdAt: AT, updatedAt: AT };
    expect(eventText(event('project:created', { project }))).toBe('prj_0000000001 "demo"');
    expect(eventText(event('project:updated', { project, changes: { name: { from: 'x', to: 'demo' } } }))).toBe('prj_0000000001: name "x" → "demo"');
    expect(eventText(event('project:deleted', { projectId: 'prj_0000000001', name: 'demo' }))).toBe('prj_0000000001 "demo"');
  });

  test('sessions: spawn, each status change, claims, stops, resizes, other updates', () => {
    expect(eventText(event('session:spawn_requested', { session: SESSION }))).toBe('ses_0000000001 worker on tsk_0000000001 (custom)');
    expect(eventText(event('session:spawn_requested', { session: session({ command: 'npm test' }) }))).toBe(
      'ses_0000000001 worker on tsk_0000000001 (custom: npm test)',
    );
    const status = { status: { from: 'spawning', to: 'active' } };
    expect(updated({ status: 'active', pid: 42 }, status)).toBe('ses_0000000001 active (pid 42)');
    expect(updated({ status: 'active' }, status)).toBe('ses_0000000001 active');
    expect(updated({ status: 'completed', exitCode: 0 }, status)).toBe('ses_0000000001 completed (exit 0)');
    expect(updated({ status: 'completed' }, status)).toBe('ses_0000000001 completed (exit 0)');
    expect(updated({ status: 'failed', error: 'command not found' }, status)).toBe('ses_0000000001 spawning → failed: command not found');
    expect(updated({ status: 'stopped', signal: 'SIGTERM' }, status)).toBe('ses_0000000001 spawning → stopped: signal SIGTERM');
    expect(updated({ status: 'failed', exitCode: 3 }, status)).toBe('ses_0000000001 spawning → failed: exit 3');
    expect(updated({ status: 'lost' }, status)).toBe('ses_0000000001 spawning → lost');
    expect(updated({ runnerId: 'run_0000000001' }, { runnerId: { from: null, to: 'run_0000000001' } })).toBe('ses_0000000001 claimed by runner run_0000000001');
    expect(updated({}, { runnerId: { from: 'run_0000000001', to: null } })).toBe('ses_0000000001 claimed by runner ?');
    expect(updated({ stopRequestedAt: AT }, { stopRequestedAt: { from: null, to: AT } })).toBe('ses_0000000001 stop requested');
    expect(updated({ cols: 80, rows: 24 }, { cols: { from: 120, to: 80 } })).toBe('ses_0000000001 resized to 80x24');
    expect(updated({}, { name: { from: 'a', to: 'b' } })).toBe('ses_0000000001 updated: name');
    expect(updated({}, {}, 'heartbeat')).toBe('ses_0000000001 updated: heartbeat');
    expect(updated({}, {})).toBe('ses_0000000001 updated');
    expect(eventText(event('session:output', { sessionId: SESSION.id, seq: 3, bytes: 512 }))).toBe('ses_0000000001 wrote 512 bytes');
  });

  test('attention: a change with its source and message, and a look that changes nothing is "seen"', () => {
    const asked = { state: 'needs_input', since: AT, source: 'agent', message: 'which database?' } as const;
    expect(eventText(event('session:attention', { session: session({ attention: asked }), previous: null }))).toBe(
      'ses_0000000001 none → needs_input (agent): which database?',
    );
    const working = { state: 'working', since: AT, source: 'hook', message: null } as const;
    expect(eventText(event('session:attention', { session: session({ attention: working }), previous: asked }))).toBe(
      'ses_0000000001 needs_input → working (hook)',
    );
    expect(eventText(event('session:attention', { session: session({ attention: asked }), previous: asked }))).toBe('ses_0000000001 seen');
    expect(eventText(event('session:attention', { session: SESSION, previous: asked }))).toBe('ses_0000000001 seen');
  });
});

test('actorText names people, runners and sessions; lines and tables carry time, id, type and actor', () => {
  expect(actorText('user')).toBe('user');
  expect(actorText('ses_0000000001')).toBe('session ses_0000000001');
  expect(actorText('run_0000000001')).toBe('runner run_0000000001');
  const created = event('task:created', { task: TASK }, 'ses_0000000001');
  expect(eventLine(created, painter(false))).toBe('10:11:12  #7  task:created  tsk_0000000001 "write the parser"  by session ses_0000000001');
  const table = eventTable([created], painter(false));
  expect(table).toContain('2026-12-03 10:11:12');
  expect(table).toContain('session ses_0000000001');
});
