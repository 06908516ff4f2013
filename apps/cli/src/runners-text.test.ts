import { runnerInfo, type RunnerInfo } from '@maestro/schemas/runner';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ago, runnersText } from './runners-text.js';

const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const before = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();
const plain = (_style: string, text: string) => text;

/** A runner as the server lists it: parsed by the published schema. */
function runner(fields: Partial<RunnerInfo>): RunnerInfo {
  return runnerInfo.parse({
    id: 'run_0000000001',
    name: 'laptop',
    hostname: 'host-a',
    pid: 4242,
    createdAt: before(3600),
    lastHeartbeatAt: before(3),
    live: true,
    sessions: 2,
    ...fields,
  });
}

describe('ago', () => {
  test.each([
    [0, '0 s ago'],
    [119, '119 s ago'],
    [120, '2 min ago'],
    [7199, '120 min ago'],
    [7200, '2 h ago'],
    [172_799, '48 h ago'],
    [172_800, '2 d ago'],
    // A clock a little ahead of the server's: never "-3 s ago".
    [-3, '0 s ago'],
  ])('%i s → %s', (seconds, text) => {
    expect(ago(before(seconds), NOW)).toBe(text);
  });
});

describe('runnersText', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('the connected runners in a table; the gone ones counted, not listed', () => {
    vi.useFakeTimers({ now: NOW });
    const text = runnersText(
      [
        runner({}),
        runner({ id: 'run_0000000002', name: 'ci', hostname: 'host-b', lastHeartbeatAt: before(600), sessions: 0 }),
        runner({ id: 'run_0000000003', live: false }),
      ],
      plain,
    );
    expect(text.split('\n')).toEqual([
      'Runners (2 connected)',
      'NAME    HOST    HEARTBEAT   SESSIONS  ID',
      'laptop  host-a  3 s ago     2         run_0000000001',
      'ci      host-b  10 min ago  0         run_0000000002',
      '1 more no longer connected.',
    ]);
  });

  test('none connected: says what to do, in yellow', () => {
    const painted: [string, string][] = [];
    const text = runnersText([], (style, t) => (painted.push([style, t]), t));
    expect(text).toBe('Runners (0 connected)\nNo runner connected: spawned sessions wait until one is. `npm start` runs one; `maestro runner` starts more.');
    expect(painted.map(([style]) => style)).toEqual(['bold', 'yellow']);
    expect(
      runnersText([runner({ live: false }), runner({ live: false })], plain)
        .split('\n')
        .at(-1),
    ).toBe('2 more no longer connected.');
  });
});
