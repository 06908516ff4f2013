/** Pushes into an async iterator from callbacks; the generator awaits `next()` between items. */
export function createInbox<T>(signal: AbortSignal) {
  const items: T[] = [];
  let wake: (() => void) | null = null;
  // One abort listener for the inbox's life, not one per wait: a long subscription would pile them up.
  signal.addEventListener('abort', () => wake?.(), { once: true });
  return {
    push(item: T) {
      items.push(item);
      wake?.();
    },
    async next(): Promise<T | null> {
      while (items.length === 0) {
        if (signal.aborted) return null;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      return items.shift()!;
    },
  };
}
