import { MaestroError } from '../errors.js';

/** Cursors are offsets into a total order; opaque to clients so the scheme can change. */
export function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number(cursor);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new MaestroError('VALIDATION', `Invalid cursor "${cursor}"`, { hint: 'Pass back the nextCursor of the previous page unchanged.' });
  }
  return offset;
}

/** The cursor of the page after one that started at `offset` and held `count` of `total` items; null at the end. */
export function nextCursor(offset: number, count: number, total: number): string | null {
  const next = offset + count;
  return next < total && count > 0 ? String(next) : null;
}
