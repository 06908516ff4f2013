/**
 * The query modules' one convention: every exported query is `(db)` or
 * `(db, params)`, params one object with named fields, e.g.
 * `findTask(db, { id, forUpdate: true })`, `updateTaskRow(db, { id, values })`.
 * No positional ids: two ids of the same type are easy to swap unnoticed.
 * A query whose only argument is already one object (`insertTask(db, values)`)
 * takes it as is. signatures.test.ts enforces it.
 */

/** `db.execute` returns `{ rows }` on PGlite and an array on postgres.js; this reads either. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}
