import { describe, expect, test } from 'vitest';
import { backoffDelay } from './index.js';
import { toWebSocketUrl } from './urls.js';

describe('toWebSocketUrl', () => {
  test('maps http to ws and https to wss on the tRPC path', () => {
    expect(toWebSocketUrl('http://127.0.0.1:4800')).toBe('ws://127.0.0.1:4800/trpc');
    expect(toWebSocketUrl('https://maestro.example/')).toBe('wss://maestro.example/trpc');
  });

  test('carries a token as a query parameter when asked', () => {
    expect(toWebSocketUrl('http://h:1', 'a b')).toBe('ws://h:1/trpc?token=a+b');
  });
});

describe('backoffDelay', () => {
  test('grows exponentially, stays within [ceiling/2, ceiling] and is capped', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(15_000, 250 * 2 ** attempt);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  test('is jittered, so reconnecting clients spread out', () => {
    const samples = new Set(Array.from({ length: 20 }, () => backoffDelay(5)));
    expect(samples.size).toBeGreaterThan(1);
  });
});
