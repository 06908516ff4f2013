/** Field → { from, to } for every given field whose value differs; the timeline shows these. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = normalise((before as Record<string, unknown>)[field]);
    const next = normalise(to);
    if (from !== next) changes[field] = { from, to: next };
  }
  return changes;
}

function normalise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
