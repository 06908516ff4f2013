import type { Task } from '@maestro/schemas';
import { errorInfo } from '@/lib/errors';

/** Fields of a task the detail edits with `task.update` and `expectedVersion`. */
export type EditableField = 'title' | 'description' | 'priority' | 'status';

/** A change the server refused because someone else changed the task first: both sides, for the user to choose. */
export interface VersionConflict {
  field: EditableField;
  mine: string;
  theirs: string;
  /** The version the task is at now: "Keep mine" sends it as expectedVersion. */
  currentVersion: number;
}

/**
 * Reads a VERSION_CONFLICT refusal: the server sends the current version and the
 * task as it is now (`details.current`); without them the live copy stands in.
 */
export function conflictFrom(error: unknown, field: EditableField, mine: string, live: Task | undefined): VersionConflict | null {
  const info = errorInfo(error);
  if (info?.code !== 'VERSION_CONFLICT') return null;
  const details = (info.details ?? {}) as { currentVersion?: unknown; current?: Partial<Task> };
  const current = details.current ?? live;
  const currentVersion = typeof details.currentVersion === 'number' ? details.currentVersion : (current?.version ?? live?.version ?? 0);
  return { field, mine, theirs: String(current?.[field] ?? ''), currentVersion };
}
