import { taskBlockInput, task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta, requiredTaskId } from '../../args.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'block',
    'Block a task, saying why (the reason shows in status and the timeline)',
    ['maestro task block tsk_0123456789 --reason "Waiting for API credentials"', 'maestro task block tsk_0123456789 --reason "CI is red on main" --json'],
    { agent: true, data: task },
  ),
  args: {
    ...globalArgs,
    id: requiredTaskId,
    reason: { type: 'string', valueHint: 'text', required: true, description: 'Why it is blocked (required)' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(taskBlockInput, { id: args.id, reason: args.reason }, { id: '<id>' });
    const task = await rt.out.spin('Blocking task', rt.trpc().task.block.mutate(input));
    rt.out.success(task, (t) => taskSummary(t, rt.out.paint));
  },
});
