import { taskDeleteInput, taskDeleteOutput } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta, requiredTaskId } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'delete',
    'Delete a task; one with subtasks only with --cascade (deletes the whole subtree)',
    ['maestro task delete tsk_0123456789', 'maestro task delete tsk_0123456789 --cascade --json'],
    { data: taskDeleteOutput },
  ),
  args: {
    ...globalArgs,
    id: requiredTaskId,
    cascade: { type: 'boolean', description: 'Also delete its subtasks' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(taskDeleteInput, { id: args.id, cascade: args.cascade ?? false }, { id: '<id>' });
    const result = await rt.out.spin('Deleting task', rt.trpc().task.delete.mutate(input));
    rt.out.success(result, (r) => `Deleted ${r.deletedIds.join(', ')}`);
  },
});
