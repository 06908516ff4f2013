import { describe, expect, test } from 'vitest';
import { TASK_STATUSES } from './enums.js';
import { TASK_TRANSITIONS, canTransition } from './task-transitions.js';

describe('task state machine', () => {
  test('covers every status, and every target is a status', () => {
    expect(Object.keys(TASK_TRANSITIONS).sort()).toEqual([...TASK_STATUSES].sort());
    for (const targets of Object.values(TASK_TRANSITIONS)) {
      for (const to of targets) expect(TASK_STATUSES).toContain(to);
    }
  });

  test('the happy path todo → in_progress → in_review → completed is allowed', () => {
    expect(canTransition('todo', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'in_review')).toBe(true);
    expect(canTransition('in_review', 'completed')).toBe(true);
  });

  test('blocked and cancelled are reachable from every open status', () => {
    for (const from of ['todo', 'in_progress', 'in_review'] as const) {
      expect(canTransition(from, 'blocked')).toBe(true);
      expect(canTransition(from, 'cancelled')).toBe(true);
    }
  });

  test.each([
    ['completed', 'blocked'],
    ['cancelled', 'completed'],
    ['todo', 'in_review'],
    ['blocked', 'completed'],
  ] as const)('%s → %s is refused', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  test('no status transitions to itself (a repeat is a no-op, not a transition)', () => {
    for (const s of TASK_STATUSES) expect(canTransition(s, s)).toBe(false);
  });
});
