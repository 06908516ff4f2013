import { expect, test } from 'vitest';
import { lineIds, requestIdOf } from './logger.js';

test("a call's log ids: the proxy's request id, the input's ids, never other input", () => {
  const ids = lineIds({ headers: { 'x-request-id': 'req-9' } }, null, {
    projectId: 'prj_1',
    sessionId: 'ses_2',
    taskId: 'tsk_3',
    text: 'secret',
    token: 'x',
  });
  expect(ids).toEqual({ requestId: 'req-9', projectId: 'prj_1', sessionId: 'ses_2', taskId: 'tsk_3' });
});

test("an entity's own id is named by its prefix", () => {
  expect(lineIds({ headers: { 'x-request-id': 'r' } }, null, { id: 'tsk_0123456789' })).toEqual({ requestId: 'r', taskId: 'tsk_0123456789' });
  expect(lineIds({ headers: { 'x-request-id': 'r' } }, null, { id: 'tok_0123456789' })).toEqual({ requestId: 'r' });
});

test("a session token's session and project, unless the input names others; a named token's name", () => {
  const req = { headers: {} };
  const auth = { kind: 'session' as const, sessionId: 'ses_1', projectId: 'prj_1' };
  expect(lineIds(req, auth)).toEqual({ requestId: requestIdOf(req), sessionId: 'ses_1', projectId: 'prj_1' });
  expect(lineIds(req, auth, { sessionId: 'ses_2' })).toMatchObject({ sessionId: 'ses_2', projectId: 'prj_1' });
  expect(lineIds(req, { kind: 'token', name: 'ci' })).toEqual({ requestId: requestIdOf(req), tokenName: 'ci' });
});

test('without a request id header each request gets a fresh one, the same for all its lines', () => {
  const req = { headers: {} };
  const a = requestIdOf(req);
  expect(a).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestIdOf(req)).toBe(a);
  expect(requestIdOf({ headers: {} })).not.toBe(a);
  expect(lineIds(undefined, null).requestId).not.toBe(a);
});
