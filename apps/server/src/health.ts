import type { DbHandle } from '@maestro/db';
import type { HealthOutput } from '@maestro/schemas';
import { sql } from 'drizzle-orm';

const startedAt = Date.now();

export const SERVER_VERSION = '0.1.0';

/** Checks the database with a real round trip; `degraded` (503) when it fails. */
export async function checkHealth(handle: DbHandle, timeoutMs = 2_000): Promise<HealthOutput> {
  const t0 = performance.now();
  const base = { version: SERVER_VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  try {
    await Promise.race([
      handle.db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { ...base, status: 'ok', database: { kind: handle.kind, ok: true, latencyMs: Math.round((performance.now() - t0) * 100) / 100 } };
  } catch (error) {
    return { ...base, status: 'degraded', database: { kind: handle.kind, ok: false, latencyMs: null, error: (error as Error).message } };
  }
}
