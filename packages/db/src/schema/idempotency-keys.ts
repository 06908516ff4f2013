import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * A mutation replayed with the same key returns `response` instead of running
 * again. `requestHash` catches a key reused for a different request.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  procedure: text('procedure').notNull(),
  requestHash: text('request_hash').notNull(),
  response: jsonb('response'),
  createdAt: createdAt(),
});
