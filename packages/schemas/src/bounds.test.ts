import { describe, expect, test } from 'vitest';
import { INT32, isStorableText } from './common.js';
import { projectUpdateInput } from './project.js';
import { runnerExitInput, runnerRegisterInput, sessionInputInput } from './session.js';
import { taskBlockInput, taskUpdateInput } from './task.js';

describe('bounds the database can store', () => {
  test('storable text: well-formed Unicode without NUL', () => {
    for (const ok of ['', 'plain', 'émoji 😀', '\ud83d\ude00', 'tab\tnew\nline']) expect(isStorableText(ok), ok).toBe(true);
    for (const bad of ['\ud800', 'a\udbff', '\udc00b', 'x\ude00\ud83d', 'nul\u0000']) expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
  });

  test('lone surrogates and NUL are validation errors where they were 500s', () => {
    expect(projectUpdateInput.safeParse({ id: 'prj_0123456789', description: '\ud800' }).success).toBe(false);
    expect(taskBlockInput.safeParse({ id: 'tsk_0123456789', reason: 'stuck \udfff' }).success).toBe(false);
    expect(taskBlockInput.safeParse({ id: 'tsk_0123456789', reason: 'stuck 😀' }).success).toBe(true);
  });

  test('integers fit the integer columns', () => {
    const register = (pid: number) => runnerRegisterInput.safeParse({ name: 'r', hostname: 'h', pid }).success;
    expect(register(INT32.max)).toBe(true);
    expect(register(INT32.max + 1)).toBe(false);
    expect(register(-1)).toBe(false);
    const exit = (exitCode: number) =>
      runnerExitInput.safeParse({ runnerId: 'run_0123456789', sessionId: 'ses_0123456789', exitCode, signal: null, error: null }).success;
    expect(exit(INT32.min)).toBe(true);
    expect(exit(2 ** 53)).toBe(false);
    expect(taskUpdateInput.safeParse({ id: 'tsk_0123456789', expectedVersion: 2 ** 31 }).success).toBe(false);
  });

  test('terminal input may carry NUL (Ctrl-@) but not a lone surrogate', () => {
    expect(sessionInputInput.safeParse({ id: 'ses_0123456789', data: '\u0000' }).success).toBe(true);
    expect(sessionInputInput.safeParse({ id: 'ses_0123456789', data: '\ud800' }).success).toBe(false);
  });
});
