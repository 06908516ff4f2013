import { afterEach, describe, expect, test, vi } from 'vitest';
import { createOutputSummary } from './output-summary.js';

describe('createOutputSummary', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('sums the bytes per session and says them once per interval, with the running total', () => {
    vi.useFakeTimers();
    const said: string[] = [];
    const summary = createOutputSummary((_id, text) => said.push(text), 1_000);
    summary.add('ses_a', 600);
    summary.add('ses_a', 600);
    summary.add('ses_b', 10);
    expect(said).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(said).toEqual(['ses_a wrote 1.2 KB of output (1.2 KB in all)', 'ses_b wrote 10 B of output (10 B in all)']);
    summary.add('ses_a', 3 * 1024 * 1024);
    vi.advanceTimersByTime(1_000);
    expect(said.at(-1)).toBe('ses_a wrote 3.0 MB of output (3.0 MB in all)');
  });

  test('flush says what is pending at once (and only once); flushAll every session; nothing pending says nothing', () => {
    vi.useFakeTimers();
    const said: [string, string][] = [];
    const summary = createOutputSummary((id, text) => said.push([id, text]), 1_000);
    summary.flush('ses_none');
    summary.add('ses_a', 100);
    summary.flush('ses_a');
    summary.flush('ses_a');
    expect(said).toEqual([['ses_a', 'ses_a wrote 100 B of output (100 B in all)']]);
    // Zero bytes (an empty batch) leave nothing to say.
    summary.add('ses_a', 0);
    summary.add('ses_b', 2048);
    summary.add('ses_c', 1);
    summary.flushAll();
    expect(said.slice(1)).toEqual([
      ['ses_b', 'ses_b wrote 2.0 KB of output (2.0 KB in all)'],
      ['ses_c', 'ses_c wrote 1 B of output (1 B in all)'],
    ]);
    // The timers were cleared with the flush: nothing more is said.
    vi.advanceTimersByTime(5_000);
    expect(said).toHaveLength(3);
  });
});
