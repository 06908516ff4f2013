import { describe, expect, test } from 'vitest';
import {
  isAgent,
  isEndedSessionStatus,
  isLiveSessionStatus,
  isOneOf,
  isTaskPriority,
  isTaskStatus,
  LIVE_SESSION_STATUSES,
  SESSION_STATUSES,
  TASK_PRIORITIES,
  TASK_STATUSES,
} from './enums.js';
import { EVENT_TYPES, maestroEvent } from './events.js';
import { taskId } from './ids.js';
import { subtaskUpdateInput } from './subtask.js';
import { taskCreateInput, taskUpdateInput } from './task.js';
import { hasTaskChange } from './task-changes.js';
import { isDoneStatus } from './task-transitions.js';

describe('ids', () => {
  test('accepts a well-formed task id and trims it', () => {
    expect(taskId.parse(' tsk_0123456789 ')).toBe('tsk_0123456789');
  });

  test.each(['tsk_123', 'prj_0123456789', 'tsk_ABCDEFGHIJ', '', 'tsk_0123456789x'])('refuses %j', (value) => {
    expect(taskId.safeParse(value).success).toBe(false);
  });
});

describe('task create input', () => {
  test('fills defaults', () => {
    const parsed = taskCreateInput.parse({ projectId: 'prj_0123456789', title: '  Write docs  ' });
    expect(parsed).toMatchObject({ title: 'Write docs', description: '', dependsOn: [], worktree: false });
    expect(parsed.priority).toBeUndefined();
  });

  test('refuses an empty title, an oversize title and an unknown priority', () => {
    const base = { projectId: 'prj_0123456789' };
    expect(taskCreateInput.safeParse({ ...base, title: '   ' }).success).toBe(false);
    expect(taskCreateInput.safeParse({ ...base, title: 'x'.repeat(201) }).success).toBe(false);
    expect(taskCreateInput.safeParse({ ...base, title: 'ok', priority: 'critical' }).success).toBe(false);
  });
});

describe('event union', () => {
  test('lists each type once, named entity:verb', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    for (const type of EVENT_TYPES) expect(type).toMatch(/^[a-z]+:[a-z_]+$/);
  });

  test('refuses an event whose payload does not match its type', () => {
    const event = {
      id: 1,
      type: 'task:commented',
      projectId: 'prj_0123456789',
      taskId: 'tsk_0123456789',
      sessionId: null,
      actor: 'user',
      createdAt: new Date().toISOString(),
    };
    expect(maestroEvent.safeParse({ ...event, payload: { taskId: 'tsk_0123456789', body: 'hi' } }).success).toBe(true);
    expect(maestroEvent.safeParse({ ...event, payload: { wrong: true } }).success).toBe(false);
  });
});

describe('status predicates', () => {
  test('name exactly the members of their list', () => {
    for (const status of SESSION_STATUSES) {
      expect(isLiveSessionStatus(status)).toBe((LIVE_SESSION_STATUSES as readonly string[]).includes(status));
      expect(isEndedSessionStatus(status)).toBe(!isLiveSessionStatus(status));
    }
    expect(TASK_STATUSES.filter(isDoneStatus)).toEqual(['completed', 'cancelled']);
  });

  test('refuse what is not a member, whatever its type', () => {
    for (const value of ['done', 'TODO', '', undefined, null, 1, ['todo']]) {
      expect(isTaskStatus(value)).toBe(false);
      expect(isOneOf(TASK_PRIORITIES, value)).toBe(false);
    }
    expect(isTaskStatus('in_review')).toBe(true);
    expect(isTaskPriority('urgent')).toBe(true);
    expect(isAgent('custom')).toBe(true);
  });
});

describe('task updates', () => {
  test('name at least one field to change, whether of a task or a subtask', () => {
    expect(hasTaskChange({})).toBe(false);
    expect(hasTaskChange({ title: undefined, status: undefined })).toBe(false);
    expect(hasTaskChange({ worktree: false })).toBe(true);
    expect(hasTaskChange({ description: '' })).toBe(true);
  });

  test("a subtask update takes the task update's fields, the subtask named by parent and id", () => {
    const shape = Object.keys(subtaskUpdateInput.shape);
    expect(shape).toEqual(['taskId', 'subtaskId', ...Object.keys(taskUpdateInput.shape).filter((k) => k !== 'id')]);
    expect(subtaskUpdateInput.safeParse({ taskId: 'tsk_0123456789', subtaskId: 'tsk_abcdefghij', status: 'done' }).success).toBe(false);
  });
});
