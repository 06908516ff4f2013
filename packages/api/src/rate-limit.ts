/**
 * Token buckets per credential, in this server process: a burst is allowed,
 * then calls are admitted at the sustained rate. Runners and agents in a loop
 * are the reason: a leaked or misbehaving session token must not be able to
 * flood the tracker or start processes without bound.
 */
export interface RateLimits {
  /** Mutations per second per credential, sustained (0: no limit). `runner.*` calls are exempt: output is flow-controlled. */
  mutationsPerSecond: number;
  mutationBurst: number;
  /** `session.spawn` per minute per credential, sustained (0: no limit). */
  spawnsPerMinute: number;
  spawnBurst: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { mutationsPerSecond: 200, mutationBurst: 1_000, spawnsPerMinute: 60, spawnBurst: 30 };

/** Buckets idle long enough to be full again are forgotten past this many keys, so memory stays bounded. */
const MAX_KEYS = 10_000;

class Buckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perMs: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {}

  /** Takes one token for `key`; when none is left, how long until one is. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_KEYS) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.perMs) };
  }

  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.burst) this.buckets.delete(key);
  }
}

export type RateDecision = { ok: true } | { ok: false; what: 'mutations' | 'spawns'; limit: string; retryAfterMs: number };

export interface RateLimiter {
  /** Charges one call of `path` (a mutation) to `key` (the credential). */
  check(key: string, path: string): RateDecision;
}

export function createRateLimiter(limits: RateLimits, now: () => number = () => performance.now()): RateLimiter {
  const mutations = limits.mutationsPerSecond > 0 ? new Buckets(limits.mutationsPerSecond / 1000, limits.mutationBurst, now) : null;
  const spawns = limits.spawnsPerMinute > 0 ? new Buckets(limits.spawnsPerMinute / 60_000, limits.spawnBurst, now) : null;
  return {
    check(key, path) {
      if (path.startsWith('runner.')) return { ok: true };
      if (path === 'session.spawn' && spawns) {
        const spawn = spawns.take(key);
        if (!spawn.ok)
          return { ok: false, what: 'spawns', limit: `${limits.spawnsPerMinute}/min (burst ${limits.spawnBurst})`, retryAfterMs: spawn.retryAfterMs };
      }
      const mutation = mutations?.take(key) ?? { ok: true };
      if (!mutation.ok)
        return { ok: false, what: 'mutations', limit: `${limits.mutationsPerSecond}/s (burst ${limits.mutationBurst})`, retryAfterMs: mutation.retryAfterMs };
      return { ok: true };
    },
  };
}
