import { tables } from '@maestro/db';
import type { TokenRole } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Auth } from '../auth.js';
import { createCaller } from '../router.js';
import { credentialStillValid } from '../revocation.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { expectCode, newProject } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A caller as the server builds it for a named token on an open connection (the per-call check included). */
async function callerWithRole(role: TokenRole) {
  const { token } = await h.caller.token.create({ name: `${role}-${Math.random().toString(36).slice(2, 8)}`, role });
  const auth: Auth = { kind: 'token', tokenId: token.id, name: token.name, role };
  return { token, caller: createCaller({ ...h.contextFor(auth), stillValid: credentialStillValid(h.db) }) };
}

describe('token.create / list', () => {
  test('the secret is shown once and only its hash is stored; the list never shows it', async () => {
    const created = await h.caller.token.create({ name: 'ci', role: 'member' });
    expect(created.secret).toMatch(/^mtk_[\w-]{43}$/);
    expect(created.token).toMatchObject({ name: 'ci', role: 'member', lastUsedAt: null, revokedAt: null });
    const rows = await h.db.select().from(tables.apiTokens);
    expect(JSON.stringify(rows)).not.toContain(created.secret);
    const listed = await h.caller.token.list();
    expect(listed.items.find((t) => t.id === created.token.id)).toEqual(created.token);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  test('a name is unique: a second create is ALREADY_EXISTS with a hint', async () => {
    await h.caller.token.create({ name: 'twice', role: 'readonly' });
    const { body } = await expectCode(h.caller.token.create({ name: 'twice', role: 'admin' }), 'ALREADY_EXISTS');
    expect(body.hint).toContain('maestro token revoke twice');
  });
});

describe('roles', () => {
  test('a runner token can only call runner.*: it cannot read tasks', async () => {
    const { caller } = await callerWithRole('runner');
    const project = await newProject(h);
    const { body } = await expectCode(caller.task.list({ projectId: project.id }), 'FORBIDDEN');
    expect(body.message).toContain('runner.*');
    expect((await caller.runner.register({ name: 'remote', hostname: 'box2', pid: 7 })).runnerId).toMatch(/^run_/);
  });

  test('a read-only token reads but cannot write, act as a runner or manage tokens', async () => {
    const { caller } = await callerWithRole('readonly');
    const project = await newProject(h);
    expect((await caller.task.list({ projectId: project.id })).items).toEqual([]);
    expect((await caller.runner.list()).items).toBeDefined();
    await expectCode(caller.task.create({ projectId: project.id, title: 'nope' }), 'FORBIDDEN');
    await expectCode(caller.runner.register({ name: 'r', hostname: 'h', pid: 1 }), 'FORBIDDEN');
    await expectCode(caller.token.list(), 'FORBIDDEN');
    expect((await h.caller.task.list({ projectId: project.id })).items).toEqual([]);
  });

  test('a member token works the tracker and spawns, but is not a runner and cannot mint tokens', async () => {
    const { caller } = await callerWithRole('member');
    const project = await newProject(h);
    const task = await caller.task.create({ projectId: project.id, title: 'by a member' });
    expect((await h.caller.events.list({ projectId: project.id })).items.at(-1)?.actor).toMatch(/^token:member-/);
    expect((await caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' })).status).toBe('spawning');
    await expectCode(caller.runner.register({ name: 'r', hostname: 'h', pid: 1 }), 'FORBIDDEN');
    await expectCode(caller.token.create({ name: 'escalate', role: 'admin' }), 'FORBIDDEN');
  });

  test('an admin token may do everything, tokens included', async () => {
    const { caller } = await callerWithRole('admin');
    expect((await caller.token.create({ name: 'made-by-admin', role: 'runner' })).token.role).toBe('runner');
    expect((await caller.runner.register({ name: 'r', hostname: 'h', pid: 1 })).runnerId).toMatch(/^run_/);
  });

  test('a session token cannot manage tokens', async () => {
    const project = await newProject(h);
    const task = await h.caller.task.create({ projectId: project.id, title: 't' });
    const session = await h.caller.session.spawn({ taskIds: [task.id], agent: 'custom', command: 'true' });
    const agent = h.callerFor({ kind: 'session', sessionId: session.id, projectId: project.id });
    await expectCode(agent.token.create({ name: 'agent-token', role: 'admin' }), 'FORBIDDEN');
    await expectCode(agent.token.list(), 'FORBIDDEN');
  });
});

describe('token.revoke', () => {
  test('by name or id; a revoked token is refused on a connection opened before (per call); revoking twice is fine; unknown is NOT_FOUND', async () => {
    const { token, caller } = await callerWithRole('member');
    const project = await newProject(h);
    await caller.task.create({ projectId: project.id, title: 'before revoke' });
    const revoked = await h.caller.token.revoke({ token: token.name });
    expect(revoked.revokedAt).not.toBeNull();
    const { body } = await expectCode(caller.task.list({ projectId: project.id }), 'UNAUTHORIZED');
    expect(body.message).toContain('it was revoked');
    expect((await h.caller.token.revoke({ token: token.id })).revokedAt).toBe(revoked.revokedAt);
    await expectCode(h.caller.token.revoke({ token: 'no-such-token' }), 'NOT_FOUND');
  });
});
