import type { ApiToken } from '@maestro/schemas';
import { keyValues, table, type Paint } from '../../output.js';

export function tokenTable(tokens: ApiToken[], paint: Paint): string {
  if (tokens.length === 0) return paint('dim', 'No named tokens. Create one with `maestro token create --name ci --role member`.');
  return table(
    ['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'],
    tokens.map((t) => [t.id, t.name, t.role, t.createdAt, t.lastUsedAt ?? 'never', t.revokedAt ?? '']),
    paint,
  );
}

export function tokenSummary(token: ApiToken, paint: Paint): string {
  const pairs: [string, string][] = [
    ['id', token.id],
    ['name', token.name],
    ['role', token.role],
    ['created', token.createdAt],
  ];
  if (token.revokedAt) pairs.push(['revoked', token.revokedAt]);
  return keyValues(pairs, paint);
}
