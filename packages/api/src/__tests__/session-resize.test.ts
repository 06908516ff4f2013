import type { MaestroEvent, RunnerCommand } from '@maestro/schemas';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { createFixture } from './fixture.js';
import { allEvents, expectCode, rowCounts } from './helpers.js';

/**
 * Two viewers of one terminal: one controls its size. A viewer that does not
 * hold control is refused (NOT_CONTROLLER) until it takes control; the CLI,
 * which names no viewer, always resizes. Every change is a session:updated.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** An active session, and the resize commands its runner receives. */
async function activeSession() {
  const f = await createFixture(h);
  await h.caller.runner.started({ runnerId: f.runnerId, sessionId: f.sessionId, pid: 1, workingDir: '/tmp', branch: null });
  const resizes: RunnerCommand[] = [];
  const stop = h.commands.subscribe(f.runnerId, (c) => {
    if (c.kind === 'resize') resizes.push(c);
  });
  const updates = async () =>
    (await allEvents(h, { projectId: f.projectId })).filter(
      (e): e is Extract<MaestroEvent, { type: 'session:updated' }> => e.type === 'session:updated' && e.sessionId === f.sessionId,
    );
  return { id: f.sessionId, resizes, stop, updates };
}

describe('session.resize with viewers', () => {
  test('the first viewer takes control; another is refused until it takes control; each change is a session:updated', async () => {
    const s = await activeSession();
    try {
      const before = (await s.updates()).length;
      const a = await h.caller.session.resize({ id: s.id, cols: 100, rows: 30, viewerId: 'tab-a' });
      expect(a).toMatchObject({ cols: 100, rows: 30, sizeController: 'tab-a' });

      const counts = await rowCounts(h);
      const { body } = await expectCode(h.caller.session.resize({ id: s.id, cols: 90, rows: 20, viewerId: 'tab-b' }), 'NOT_CONTROLLER');
      expect(body.hint?.toLowerCase()).toContain('take control');
      expect(body.details).toEqual({ sizeController: 'tab-a', cols: 100, rows: 30 });
      expect(await rowCounts(h)).toEqual(counts);
      expect(await h.caller.session.get({ id: s.id })).toMatchObject({ cols: 100, rows: 30, sizeController: 'tab-a' });

      expect(await h.caller.session.resize({ id: s.id, cols: 110, rows: 30, viewerId: 'tab-a' })).toMatchObject({ cols: 110, sizeController: 'tab-a' });
      expect(await h.caller.session.resize({ id: s.id, cols: 90, rows: 20, viewerId: 'tab-b', takeControl: true })).toMatchObject({
        cols: 90,
        rows: 20,
        sizeController: 'tab-b',
      });
      await expectCode(h.caller.session.resize({ id: s.id, cols: 110, rows: 30, viewerId: 'tab-a' }), 'NOT_CONTROLLER');

      const updates = (await s.updates()).slice(before);
      expect(updates.map((e) => [e.payload.session.sizeController, e.payload.changes, e.payload.reason])).toEqual([
        [
          'tab-a',
          { cols: { from: 120, to: 100 }, rows: { from: 32, to: 30 }, sizeController: { from: null, to: 'tab-a' } },
          'size control taken by viewer tab-a',
        ],
        ['tab-a', { cols: { from: 100, to: 110 } }, undefined],
        [
          'tab-b',
          { cols: { from: 110, to: 90 }, rows: { from: 30, to: 20 }, sizeController: { from: 'tab-a', to: 'tab-b' } },
          'size control taken by viewer tab-b',
        ],
      ]);
      // Only accepted resizes reach the PTY.
      await vi.waitFor(
        () =>
          expect(s.resizes.map((c) => (c.kind === 'resize' ? [c.cols, c.rows] : null))).toEqual([
            [100, 30],
            [110, 30],
            [90, 20],
          ]),
        { timeout: 5_000 },
      );
    } finally {
      s.stop();
    }
  });

  test('a resize without a viewer id (the CLI) always applies and leaves nobody in control; the next viewer then takes it', async () => {
    const s = await activeSession();
    try {
      await h.caller.session.resize({ id: s.id, cols: 100, rows: 30, viewerId: 'tab-a' });
      expect(await h.caller.session.resize({ id: s.id, cols: 80, rows: 24 })).toMatchObject({ cols: 80, rows: 24, sizeController: null });
      const [last] = (await s.updates()).slice(-1);
      expect(last!.payload.changes).toMatchObject({ sizeController: { from: 'tab-a', to: null } });
      expect(await h.caller.session.resize({ id: s.id, cols: 100, rows: 30, viewerId: 'tab-b' })).toMatchObject({ sizeController: 'tab-b' });
    } finally {
      s.stop();
    }
  });

  test('the same size from the controller writes no event; takeControl alone (same size) moves control', async () => {
    const s = await activeSession();
    try {
      await h.caller.session.resize({ id: s.id, cols: 100, rows: 30, viewerId: 'tab-a' });
      const before = (await s.updates()).length;
      await h.caller.session.resize({ id: s.id, cols: 100, rows: 30, viewerId: 'tab-a' });
      expect(await s.updates()).toHaveLength(before);
      await h.caller.session.resize({ id: s.id, cols: 100, rows: 30, viewerId: 'tab-b', takeControl: true });
      const updates = (await s.updates()).slice(before);
      expect(updates.map((e) => e.payload.changes)).toEqual([{ sizeController: { from: 'tab-a', to: 'tab-b' } }]);
    } finally {
      s.stop();
    }
  });

  test('takeControl without a viewerId is VALIDATION', async () => {
    const s = await activeSession();
    s.stop();
    await expectCode(h.caller.session.resize({ id: s.id, cols: 100, rows: 30, takeControl: true }), 'VALIDATION');
  });
});
