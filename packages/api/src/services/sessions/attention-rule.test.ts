import type { Attention } from '@maestro/schemas';
import { describe, expect, test } from 'vitest';
import { nextAttention } from './attention-rule.js';

const now = new Date('2026-12-03T10:00:00.000Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const at = (state: Attention['state'], source: Attention['source'], secondsAgo: number, message: string | null = null): Attention => ({
  state,
  source,
  since: ago(secondsAgo).toISOString(),
  message,
});

describe('nextAttention', () => {
  test('an agent or hook signal always applies, stamped now', () => {
    expect(nextAttention(at('idle', 'heuristic', 5), { state: 'needs_input', source: 'agent', message: 'Which database?' }, now)).toEqual(
      at('needs_input', 'agent', 0, 'Which database?'),
    );
    expect(nextAttention(at('needs_input', 'agent', 5, 'q'), { state: 'working', source: 'hook' }, now)).toEqual(at('working', 'hook', 0));
  });

  test('repeating the same signal changes nothing; a new question does', () => {
    expect(nextAttention(at('needs_input', 'agent', 5, 'q'), { state: 'needs_input', source: 'agent', message: 'q' }, now)).toBeNull();
    expect(nextAttention(at('needs_input', 'agent', 5, 'q'), { state: 'needs_input', source: 'agent', message: 'r' }, now)?.message).toBe('r');
  });

  test('a heuristic replaces a heuristic, dated from what it observed', () => {
    expect(nextAttention(at('working', 'heuristic', 30), { state: 'idle', source: 'heuristic', observedAt: ago(10) }, now)).toEqual(
      at('idle', 'heuristic', 10),
    );
    expect(nextAttention(at('idle', 'heuristic', 30), { state: 'idle', source: 'heuristic', observedAt: ago(1) }, now)).toBeNull();
  });

  test('a heuristic never replaces an agent or hook signal newer than what it observed', () => {
    expect(nextAttention(at('working', 'agent', 5), { state: 'idle', source: 'heuristic', observedAt: ago(10) }, now)).toBeNull();
    expect(nextAttention(at('idle', 'hook', 5), { state: 'working', source: 'heuristic', observedAt: ago(6) }, now)).toBeNull();
    expect(nextAttention(at('idle', 'hook', 5), { state: 'working', source: 'heuristic', observedAt: ago(1) }, now)).toEqual(at('working', 'heuristic', 1));
  });

  test('output or silence never clears a question an agent or hook asked; typed input does', () => {
    const asked = at('needs_input', 'hook', 60, 'Allow Bash?');
    expect(nextAttention(asked, { state: 'working', source: 'heuristic' }, now)).toBeNull();
    expect(nextAttention(asked, { state: 'idle', source: 'heuristic', observedAt: ago(1) }, now)).toBeNull();
    expect(nextAttention(asked, { state: 'working', source: 'heuristic', typedInput: true, message: 'answered' }, now)).toEqual(
      at('working', 'heuristic', 0, 'answered'),
    );
  });

  test('typed input changes nothing unless a question is open', () => {
    expect(nextAttention(at('idle', 'heuristic', 60), { state: 'working', source: 'heuristic', typedInput: true }, now)).toBeNull();
  });

  test('an observation from the future (clock skew) counts as now', () => {
    const future = new Date(now.getTime() + 60_000);
    expect(nextAttention(null, { state: 'idle', source: 'heuristic', observedAt: future }, now)).toEqual(at('idle', 'heuristic', 0));
  });
});
