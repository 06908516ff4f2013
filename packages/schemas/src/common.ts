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

/**
 * What one request may cost the server; docs/reliability.md lists them with
 * what a client sees at each. The typed client stays under them by itself.
 */
export const REQUEST_LIMITS = {
  /** Calls in one batched HTTP request or one WebSocket message; more is TOO_LARGE (HTTP 413). */
  batchCalls: 20,
  /** Bytes of JSON the answers of one HTTP request add up to (of one call's answer on a WebSocket); past it a call is TOO_LARGE. */
  responseBytes: 32 * 1024 * 1024,
  /** Decoded bytes of one `session.output` page: the most `maxBytes` may ask, and what it is when omitted. */
  outputPageBytes: 4 * 1024 * 1024,
  /** Subscriptions one WebSocket holds open at once; one more is LIMIT_REACHED until one ends. */
  subscriptionsPerSocket: 64,
} as const;

/** A lone UTF-16 surrogate: not Unicode. JSON and PostgreSQL refuse it or silently replace it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MESSAGE = 'must be valid Unicode text: no NUL (\\u0000) characters and no lone UTF-16 surrogates';

/** Text the database can store as sent: well-formed Unicode without NUL characters. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * Every caller-sent string that may be stored starts here, so text the
 * database cannot hold is a VALIDATION error, never a 500 from a failed insert.
 */
export const text = () => z.string().refine(isStorableText, TEXT_MESSAGE);

/** Well-formed Unicode that may contain NUL (terminal input: Ctrl-@ is a real keystroke); never stored as text. */
export const wellFormedText = () => z.string().refine((value) => !LONE_SURROGATE.test(value), 'must be valid Unicode text: no lone UTF-16 surrogates');

/** What the database's `integer` columns hold. */
export const INT32 = { min: -2_147_483_648, max: 2_147_483_647 } as const;
export const int32 = () => z.number().int().min(INT32.min).max(INT32.max);

/** ISO-8601 timestamps on the wire: JSON-safe for the CLI and stable across clients. */
export const timestamp = z.iso.datetime({ offset: true });

export const title = text().trim().min(1, 'must not be empty').max(LIMITS.title);
export const description = text().max(LIMITS.description);

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
  cursor: text().max(64).optional(),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });
}
