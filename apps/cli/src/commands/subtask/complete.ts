import { subtaskRefInput } from '@maestro/schemas/subtask';
import { task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { parentOf } from './parent.js';

export default defineCommand({
  meta: meta('complete', 'Complete a subtask', ['maestro subtask complete tsk_0123456789', 'maestro subtask complete tsk_0123456789 --json'], {
    agent: true,
    data: task,
  }),
  args: { ...globalArgs, subtaskId: { type: 'positional', required: true, description: 'Subtask id' } },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const { subtaskId } = validate(subtaskRefInput.pick({ subtaskId: true }), { subtaskId: args.subtaskId }, { subtaskId: '<subtaskId>' });
    const input = { taskId: await parentOf(rt, subtaskId), subtaskId };
    const result = await rt.out.spin('Completing subtask', rt.trpc().subtask.complete.mutate(input));
    rt.out.success(result, (t) => taskSummary(t, rt.out.paint));
  },
});
