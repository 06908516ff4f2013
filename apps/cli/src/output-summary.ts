/** At most one line per session this often for `watch --output`. */
export const OUTPUT_SUMMARY_MS = 2_000;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Terminal output arrives as one `session:output` event per stored batch
 * (dozens a second from a busy agent). For a person they are summed per
 * session and said at most once per interval: "ses_… wrote 64.0 KB (1.2 MB
 * in all)". `flush` says what is still pending (a session ended, or exit).
 */
export function createOutputSummary(say: (sessionId: string, text: string) => void, everyMs = OUTPUT_SUMMARY_MS) {
  const pending = new Map<string, { bytes: number; total: number; timer: NodeJS.Timeout | null }>();
  const totals = new Map<string, number>();
  const flush = (sessionId: string) => {
    const entry = pending.get(sessionId);
    if (!entry || entry.bytes === 0) return;
    if (entry.timer) clearTimeout(entry.timer);
    pending.delete(sessionId);
    say(sessionId, `${sessionId} wrote ${size(entry.bytes)} of output (${size(entry.total)} in all)`);
  };
  return {
    add(sessionId: string, bytes: number): void {
      const total = (totals.get(sessionId) ?? 0) + bytes;
      totals.set(sessionId, total);
      const entry = pending.get(sessionId) ?? { bytes: 0, total, timer: null };
      entry.bytes += bytes;
      entry.total = total;
      entry.timer ??= setTimeout(() => flush(sessionId), everyMs);
      pending.set(sessionId, entry);
    },
    flush,
    flushAll(): void {
      for (const id of [...pending.keys()]) flush(id);
    },
  };
}
