/**
 * Just enough of the Prometheus text format for benches that read a server's
 * /metrics: samples by name and labels, and percentiles from histogram buckets.
 */

/** Every sample line as { name, labels, value }. */
export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample called `name` (the first, when labels differ), or null. */
export function gauge(samples, name) {
  return samples.find((s) => s.name === name)?.value ?? null;
}

/** Sum of every sample called `name` that `keep(labels)` accepts. */
export function total(samples, name, keep = () => true) {
  return samples.filter((s) => s.name === name && keep(s.labels)).reduce((sum, s) => sum + s.value, 0);
}

/**
 * Cumulative bucket counts of histogram `name` summed over the series `keep`
 * accepts, as a Map from upper bound (`le`, seconds; Infinity for +Inf) to count.
 */
export function buckets(samples, name, keep = () => true) {
  const out = new Map();
  for (const s of samples) {
    if (s.name !== `${name}_bucket` || !keep(s.labels)) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    out.set(le, (out.get(le) ?? 0) + s.value);
  }
  return out;
}

/**
 * The upper bound of the bucket holding quantile `q` of what was observed
 * between two scrapes (`before` may be empty), or null when nothing was.
 */
export function quantileBetween(before, after, q) {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const count = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (count <= 0) return null;
  for (const le of bounds) {
    if ((after.get(le) ?? 0) - (before.get(le) ?? 0) >= q * count) return le;
  }
  return Infinity;
}
