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

/** A `timestamptz` as PostgreSQL writes it in JSON in a UTC session: `2026-12-04T08:20:01.123456+00:00`, fraction optional. */
const UTC_JSON_TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00:00$/;

/**
 * A timestamp from `row_to_json` as `iso()` would give it (milliseconds, `Z`),
 * cut from the text instead of parsed into a Date and printed again: a page of
 * 500 tasks has 2,000 of them. Any other shape (another session time zone)
 * goes through Date.
 */
export function isoFromJson(text: string): string {
  const utc = UTC_JSON_TIMESTAMP.exec(text);
  if (!utc) return iso(text);
  return `${utc[1]}.${`${utc[2] ?? ''}000`.slice(0, 3)}Z`;
}
