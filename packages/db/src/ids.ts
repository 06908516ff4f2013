import { randomBytes } from 'node:crypto';
import { ID_PREFIXES, type IdKind } from '@maestro/schemas';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `tsk_3k9x0c2m1q`: 10 random base-36 characters (~51 bits), short enough for an agent to type. */
export function newId(kind: IdKind): string {
  const bytes = randomBytes(10);
  let body = '';
  for (const byte of bytes) body += ALPHABET[byte % 36];
  return `${ID_PREFIXES[kind]}_${body}`;
}
