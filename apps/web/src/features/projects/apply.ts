import type { EventType, MaestroEvent, Project } from '@maestro/schemas';

export interface ProjectList {
  items: Project[];
  asOfEventId: string;
}

/** What the projects page listens to: the projects themselves, and what changes their counts. */
export const PROJECT_FEED_TYPES: EventType[] = [
  'project:created',
  'project:updated',
  'project:deleted',
  'task:created',
  'task:updated',
  'task:deleted',
  // A subtask's change also comes as task:* of the subtask itself (status.get counts subtasks): no subtask:* needed.
  'session:spawn_requested',
  'session:updated',
];

/** Applies project events to project.list's answer (oldest first); the same list back when nothing changed. */
export function applyProjectEvents(list: ProjectList, events: readonly MaestroEvent[]): ProjectList {
  let items: Project[] | null = null;
  const draft = () => (items ??= [...list.items]);
  for (const event of events) {
    if (event.type === 'project:created' || event.type === 'project:updated') {
      const project = event.payload.project;
      const at = draft().findIndex((p) => p.id === project.id);
      if (at === -1) draft().push(project);
      else if (draft()[at]!.updatedAt <= project.updatedAt) draft()[at] = project;
    } else if (event.type === 'project:deleted') {
      const at = draft().findIndex((p) => p.id === event.payload.projectId);
      if (at !== -1) draft().splice(at, 1);
    }
  }
  return items ? { ...list, items } : list;
}

/** Projects whose counts a batch may have changed. */
export function projectsTouched(events: readonly MaestroEvent[]): Set<string> {
  return new Set(events.filter((e) => !e.type.startsWith('project:')).map((e) => e.projectId));
}
