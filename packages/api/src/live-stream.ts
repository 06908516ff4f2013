/**
 * The loop behind every live stream: subscribe first (`subscribe` hands the
 * listener a `notify`), then `read` what is new (the first read is the
 * backfill), then wait for a notify and read again; a notify that came while
 * reading means read again at once. Ends when `read` returns true (the stream
 * is complete), on abort, or when the consumer stops; the listener goes with it.
 * A wait holds one abort listener and removes it as it wakes: a stream that
 * lives for days must not leave one on the signal per wait.
 */
export async function* subscribeThenRead<T>(opts: {
  signal: AbortSignal;
  subscribe(notify: () => void): () => void;
  read(): AsyncGenerator<T, boolean | void>;
}): AsyncGenerator<T> {
  const { signal } = opts;
  let dirty = false;
  let wake: (() => void) | null = null;
  const unsubscribe = opts.subscribe(() => {
    dirty = true;
    wake?.();
  });
  try {
    while (!signal.aborted) {
      dirty = false;
      if (yield* opts.read()) return;
      if (dirty) continue;
      await new Promise<void>((resolve) => {
        // Aborted during the read: an abort listener added now would never fire.
        if (signal.aborted) return resolve();
        const done = () => {
          signal.removeEventListener('abort', done);
          wake = null;
          resolve();
        };
        wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
  } finally {
    unsubscribe();
  }
}
