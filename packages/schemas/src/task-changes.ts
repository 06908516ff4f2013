/**
 * The fields `task.update` (and `subtask.update`) may change. An update that
 * names none of them is refused ("Nothing to update") by the API, and by the
 * CLI before any request. Zod-free, so the CLI can check without building schemas.
 */
export const TASK_CHANGE_FIELDS = ['title', 'description', 'priority', 'status', 'worktree'] as const;

/** Whether an update names at least one field to change. */
export function hasTaskChange(input: Partial<Record<(typeof TASK_CHANGE_FIELDS)[number], unknown>>): boolean {
  return TASK_CHANGE_FIELDS.some((field) => input[field] !== undefined);
}
