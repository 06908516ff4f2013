import type { Attention, InboxItem } from '@maestro/schemas';
import { table, truncate, type Paint } from './output.js';

const STYLE: Record<Attention['state'], Parameters<Paint>[0]> = { needs_input: 'yellow', working: 'cyan', idle: 'dim', unseen: 'bold' };

/** How long ago, in the largest whole unit: `45s`, `3m`, `2h`, `4d`. */
export function age(since: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(since)) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** `needs_input 3m (agent): Which database?` — every state says where it came from and how old it is. */
export function attentionText(a: Attention | null, paint: Paint): string {
  if (!a) return paint('dim', 'seen');
  const message = a.message ? `: ${truncate(a.message, 120)}` : '';
  return `${paint(STYLE[a.state], a.state)} ${age(a.since)} (${a.source})${message}`;
}

const KIND_STYLE: Record<InboxItem['kind'], Parameters<Paint>[0]> = { needs_input: 'yellow', failed: 'red', blocked: 'red', finished: 'green' };

/** The inbox as a table, most urgent first, with the command that answers or opens each item. */
export function inboxTable(items: InboxItem[], paint: Paint): string {
  if (items.length === 0) return 'Nothing needs you.';
  return table(
    ['KIND', 'WAITED', 'PROJECT', 'ID', 'TITLE', 'DETAIL'],
    items.map((i) => [
      paint(KIND_STYLE[i.kind], i.kind),
      age(i.since),
      i.projectName,
      i.sessionId ?? i.taskId ?? '',
      truncate(i.title, 40),
      truncate(i.detail ?? '', 80),
    ]),
    paint,
  );
}
