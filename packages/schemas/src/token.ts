import { z } from 'zod';
import { LIMITS, text, timestamp } from './common.js';
import { TOKEN_ROLES } from './enums.js';
import { tokenId } from './ids.js';

export const tokenRole = z.enum(TOKEN_ROLES);

/** A named token as listed: never its secret, which is shown once, at creation, and stored only as a hash. */
export const apiToken = z.object({
  id: tokenId,
  name: z.string(),
  role: tokenRole,
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const tokenCreateInput = z.object({
  name: text()
    .trim()
    .min(1)
    .max(LIMITS.name)
    .regex(/^[\w.@-]+$/, 'letters, digits, and . _ - @ only (e.g. ci, runner-box2)'),
  role: tokenRole,
});
export const tokenCreateOutput = z.object({ token: apiToken, secret: z.string() });
export const tokenListOutput = z.object({ items: z.array(apiToken) });
/** By id, or by name (names are unique). */
export const tokenRevokeInput = z.object({ token: text().trim().min(1).max(LIMITS.name) });
