import { subtaskRefInput } from '@maestro/schemas/subtask';
import { taskDeleteOutput } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { parentOf } from './parent.js';

export default defineCommand({
  meta: meta('delete', 'Delete a subtask', ['maestro subtask delete tsk_0123456789', 'maestro subtask delete tsk_0123456789 --json'], {
    data: taskDeleteOutput,
  }),
  args: { ...globalArgs, subtaskId: { type: 'positional', required: true, description: 'Subtask id' } },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const { subtaskId } = validate(subtaskRefInput.pick({ subtaskId: true }), { subtaskId: args.subtaskId }, { subtaskId: '<subtaskId>' });
    const input = { taskId: await parentOf(rt, subtaskId), subtaskId };
    const result = await rt.out.spin('Deleting subtask', rt.trpc().subtask.delete.mutate(input));
    rt.out.success(result, (r) => `Deleted ${r.deletedIds.join(', ')}`);
  },
});
