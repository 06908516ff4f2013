/** Case-insensitive match of every word of the query in the text (order free): "fix log" finds "Fix the login bug". */
export function matches(query: string, ...texts: readonly (string | null | undefined)[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.filter(Boolean).join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** The first `limit` items that match, in the given order, without scanning further than needed. */
export function firstMatches<T>(items: Iterable<T>, limit: number, test: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= limit) break;
    if (test(item)) out.push(item);
  }
  return out;
}
