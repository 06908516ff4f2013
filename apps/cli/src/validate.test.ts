import { taskCreateInput, taskListInput, taskUpdateInput } from '@maestro/schemas/task';
import { describe, expect, test } from 'vitest';
import { CliError } from './errors.js';
import { splitList, toInt, validate } from './validate.js';

function failure(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('validate', () => {
  test('returns the parsed value with the shared schema’s defaults', () => {
    const input = validate(taskCreateInput, { projectId: 'prj_0123456789', title: '  Fix it  ' });
    expect(input).toMatchObject({ title: 'Fix it', description: '', dependsOn: [] });
  });

  test('an invalid status lists every allowed value, under the flag name', () => {
    const error = failure(() => validate(taskListInput, { projectId: 'prj_0123456789', status: ['todo', 'done'] }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Invalid input: --status: "done" is not one of: todo, in_progress, blocked, in_review, completed, cancelled');
    expect(error.hint).toBe('Allowed values: todo, in_progress, blocked, in_review, completed, cancelled.');
  });

  test('labels name fields the way they were typed, and show what was given', () => {
    const error = failure(() => validate(taskUpdateInput, { id: 'tsk_123', expectedVersion: 'three' }, { id: '<id>' }));
    expect(error.message).toContain('<id>: must be a task id like tsk_0123456789 (got "tsk_123")');
    expect(error.message).toContain('--expected-version');
  });

  test('details carry the zod issues for scripts', () => {
    const error = failure(() => validate(taskCreateInput, { projectId: 'prj_0123456789', title: '' }));
    expect(error.details).toEqual({ issues: [expect.objectContaining({ path: ['title'], code: 'too_small' })] });
  });
});

describe('argument helpers', () => {
  test('splitList trims and drops empties', () => {
    expect(splitList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toBeUndefined();
    expect(splitList(undefined)).toBeUndefined();
  });

  test('toInt keeps non-numbers as strings so validation can report them', () => {
    expect(toInt('42')).toBe(42);
    expect(toInt('4x')).toBe('4x');
    expect(toInt(undefined)).toBeUndefined();
  });
});
