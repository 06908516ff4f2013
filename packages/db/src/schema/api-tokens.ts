import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, optionalTime } from './columns.js';
import { tokenRoleEnum } from './enums.js';

/** Named API tokens: the secret is never stored, only its SHA-256 (secrets are 256 random bits, so no slow hash is needed). */
export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  role: tokenRoleEnum('role').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: optionalTime('last_used_at'),
  revokedAt: optionalTime('revoked_at'),
});
