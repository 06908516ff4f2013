import { taskMutateInput, task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta, optionalTaskId } from '../../args.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'complete',
    'Complete a task (its dependencies and subtasks must be done)',
    ['maestro task complete tsk_0123456789', 'MAESTRO_TASK_IDS=tsk_0123456789 maestro task complete --json'],
    { agent: true, data: task },
  ),
  args: { ...globalArgs, id: optionalTaskId },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(taskMutateInput, { id: rt.taskId(args.id) }, { id: '<id>' });
    const task = await rt.out.spin('Completing task', rt.trpc().task.complete.mutate(input));
    rt.out.success(task, (t) => taskSummary(t, rt.out.paint));
  },
});
