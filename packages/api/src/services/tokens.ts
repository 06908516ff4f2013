import { randomBytes } from 'node:crypto';
import { findApiToken, insertApiToken, iso, isoOrNull, listApiTokens, newId, revokeApiToken, type ApiTokenRow, type Db } from '@maestro/db';
import type { ApiToken, TokenRole } from '@maestro/schemas';
import { MaestroError, notFound, sqlState } from '../errors.js';
import { hashToken } from '../auth.js';

/** Named tokens carry this prefix, so the server knows which table to look in without trying each. */
export const NAMED_TOKEN_PREFIX = 'mtk_';

function view(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: iso(row.createdAt),
    lastUsedAt: isoOrNull(row.lastUsedAt),
    revokedAt: isoOrNull(row.revokedAt),
  };
}

const nameTaken = (name: string) =>
  new MaestroError('ALREADY_EXISTS', `A token named ${name} already exists`, {
    hint: `Pick another name, or revoke it first: maestro token revoke ${name}`,
    details: { name },
  });

/**
 * A new token: the secret is returned here once and only its hash is kept.
 * Not an idempotent mutation on purpose: replaying a stored result would mean
 * storing the secret; a retried create is refused by the unique name instead.
 */
export async function createApiToken(db: Db, input: { name: string; role: TokenRole }): Promise<{ token: ApiToken; secret: string }> {
  if (await findApiToken(db, { idOrName: input.name })) throw nameTaken(input.name);
  const secret = `${NAMED_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  try {
    const row = await insertApiToken(db, { id: newId('token'), name: input.name, role: input.role, tokenHash: hashToken(secret) });
    return { token: view(row), secret };
  } catch (error) {
    if (sqlState(error) === '23505') throw nameTaken(input.name);
    throw error;
  }
}

export async function listTokens(db: Db): Promise<{ items: ApiToken[] }> {
  return { items: (await listApiTokens(db)).map(view) };
}

/** Revoking twice is not an error: the answer is the token as it now is. */
export async function revokeToken(db: Db, idOrName: string): Promise<ApiToken> {
  const row = await findApiToken(db, { idOrName });
  if (!row) throw notFound('token', idOrName, 'List tokens with `maestro token list`.');
  if (row.revokedAt) return view(row);
  return view((await revokeApiToken(db, { id: row.id }))!);
}
