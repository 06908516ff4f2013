import { z } from 'zod';

export const LIMITS = {
  title: 200,
  name: 100,
  description: 20_000,
  reason: 2_000,
  comment: 10_000,
  path: 4_096,
  pageSize: 500,
  idempotencyKey: 128,
} as const;

/** ISO-8601 timestamps on the wire: JSON-safe for the CLI and stable across clients. */
export const timestamp = z.iso.datetime({ offset: true });

export const title = z.string().trim().min(1, 'must not be empty').max(LIMITS.title);
export const description = z.string().max(LIMITS.description);

/**
 * Optional on every mutation: a replay with the same key returns the first result
 * and writes nothing twice.
 */
export const idempotencyKey = z
  .string()
  .min(8)
  .max(LIMITS.idempotencyKey)
  .regex(/^[\w.:-]+$/, 'letters, digits and . _ : - only');

export const mutationMeta = { idempotencyKey: idempotencyKey.optional() };

export const pageInput = {
  limit: z.number().int().min(1).max(LIMITS.pageSize).default(100),
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor: z.string().max(64).optional(),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });
}
