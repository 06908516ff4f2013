const POLL_MS = 500;

/**
 * Calls `onGone` once when this process's parent exits (it is re-parented:
 * `process.ppid` changes). For commands that run until stopped (`watch`,
 * `runner`) started through npx: npm forwards SIGTERM only to the shell it
 * runs us in, and that shell dies without passing it on. Returns a stop function.
 */
export function onParentExit(onGone: () => void): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
