import { afterEach, describe, expect, test, vi } from 'vitest';
import { SilenceWatch } from './silence-watch.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('SilenceWatch', () => {
  test('silence for idleMs reports idle once, with how long it has been quiet; output then reports working once', () => {
    vi.useFakeTimers();
    const reports: [string, number][] = [];
    const watch = new SilenceWatch({ idleMs: 10_000, report: (s, age) => reports.push([s, age]) });
    vi.advanceTimersByTime(4_000);
    watch.output();
    vi.advanceTimersByTime(9_999);
    expect(reports).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(reports).toEqual([['idle', 10_000]]);
    vi.advanceTimersByTime(60_000);
    expect(reports).toHaveLength(1);
    watch.output();
    watch.output();
    expect(reports).toEqual([
      ['idle', 10_000],
      ['working', 0],
    ]);
    vi.advanceTimersByTime(10_000);
    expect(reports.at(-1)).toEqual(['idle', 10_000]);
    watch.dispose();
  });

  test('steady output never reports', () => {
    vi.useFakeTimers();
    const reports: string[] = [];
    const watch = new SilenceWatch({ idleMs: 1_000, report: (s) => reports.push(s) });
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(500);
      watch.output();
    }
    expect(reports).toEqual([]);
    watch.dispose();
    vi.advanceTimersByTime(5_000);
    expect(reports).toEqual([]);
  });
});
