import type { InboxItem } from '@maestro/schemas';
import { links } from '../shell/links';

/** Where an inbox item opens: a session's terminal (ready for typing), or a blocked task's panel. */
export function itemHref(item: InboxItem): string {
  if (item.sessionId) return links.session(item.projectId, item.sessionId);
  return links.task(item.projectId, item.taskId ?? '');
}

export const KIND_LABEL: Record<InboxItem['kind'], string> = {
  needs_input: 'Needs input',
  failed: 'Failed',
  blocked: 'Blocked',
  finished: 'Finished',
};
