import { taskMutateInput, task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta, requiredTaskId } from '../../args.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'unblock',
    'Unblock a task: back to in_progress if it had started, else todo; clears the reason',
    ['maestro task unblock tsk_0123456789', 'maestro task unblock tsk_0123456789 --json'],
    { agent: true, data: task },
  ),
  args: { ...globalArgs, id: requiredTaskId },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(taskMutateInput, { id: args.id }, { id: '<id>' });
    const task = await rt.out.spin('Unblocking task', rt.trpc().task.unblock.mutate(input));
    rt.out.success(task, (t) => taskSummary(t, rt.out.paint));
  },
});
