import { CliError } from '../../errors.js';
import type { Runtime } from '../../runtime.js';

/** The parent of a subtask: the subtask API addresses a subtask through its parent. */
export async function parentOf(rt: Runtime, subtaskId: string): Promise<string> {
  const subtask = await rt.trpc().task.get.query({ id: subtaskId });
  if (!subtask.parentId) {
    throw new CliError('VALIDATION', `${subtaskId} is a top-level task, not a subtask`, {
      hint: `Use \`maestro task …\` for it (e.g. maestro task complete ${subtaskId}).`,
    });
  }
  return subtask.parentId;
}
