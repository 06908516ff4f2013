import type { MaestroEvent } from '@maestro/schemas';

/** One line of the timeline: an event, or several that belong together (one reorder touches every moved sibling). */
export interface TimelineItem {
  key: string;
  event: MaestroEvent;
  /** How many events this line stands for. */
  count: number;
}

/** The parent's own `task:updated` notice of a subtask change: the `subtask:*` event next to it tells it better. */
function isEcho(e: MaestroEvent): boolean {
  return e.type === 'task:updated' && e.payload.action.startsWith('subtask_');
}

/** A subtask moved among its siblings and nothing else. */
function isReorder(e: MaestroEvent): boolean {
  return e.type === 'subtask:updated' && Object.keys(e.payload.changes).every((k) => k === 'position');
}

/**
 * The task's events as timeline lines: echoes dropped, position-only updates
 * with no other change folded into one "reordered" line per burst.
 */
export function timelineItems(events: readonly MaestroEvent[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const event of events) {
    if (isEcho(event) || event.type === 'session:output') continue;
    const last = items.at(-1);
    if (
      last &&
      isReorder(event) &&
      isReorder(last.event) &&
      last.event.actor === event.actor &&
      Math.abs(Date.parse(event.createdAt) - Date.parse(last.event.createdAt)) < 2_000
    ) {
      last.count += 1;
      continue;
    }
    items.push({ key: String(event.id), event, count: 1 });
  }
  return items;
}
