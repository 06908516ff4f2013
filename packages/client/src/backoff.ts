/** Exponential backoff with jitter, capped: reconnect storms spread out after a server restart. */
export function backoffDelay(attempt: number, baseMs = 250, capMs = 15_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
