import { taskMutateInput, task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta, optionalTaskId } from '../../args.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta('start', 'Start a task: → in_progress', ['maestro task start tsk_0123456789', 'MAESTRO_TASK_IDS=tsk_0123456789 maestro task start --json'], {
    agent: true,
    data: task,
  }),
  args: { ...globalArgs, id: optionalTaskId },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(taskMutateInput, { id: rt.taskId(args.id) }, { id: '<id>' });
    const task = await rt.out.spin('Starting task', rt.trpc().task.start.mutate(input));
    rt.out.success(task, (t) => taskSummary(t, rt.out.paint));
  },
});
