import { z } from 'zod';

export const healthOutput = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
});
export type HealthOutput = z.infer<typeof healthOutput>;
