import { expect, test } from 'vitest';
import { callIds } from './logger.js';

test("a call's log ids: the proxy's request id, the input's ids, never other input", () => {
  const ids = callIds({ projectId: 'prj_1', sessionId: 'ses_2', taskId: 'tsk_3', text: 'secret', token: 'x' }, { headers: { 'x-request-id': 'req-9' } });
  expect(ids).toEqual({ requestId: 'req-9', projectId: 'prj_1', sessionId: 'ses_2', taskId: 'tsk_3' });
});

test('without a request id header each call gets a fresh one', () => {
  const a = callIds(undefined).requestId;
  const b = callIds('not an object', { headers: {} }).requestId;
  expect(a).toMatch(/^[0-9a-f-]{36}$/);
  expect(b).not.toBe(a);
});
