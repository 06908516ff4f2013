import { taskDetail as taskDetailData, taskIdInput } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta, optionalTaskId } from '../../args.js';
import { taskDetail } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'get',
    'Show a task with its subtasks, dependencies, dependents and readiness',
    ['maestro task get tsk_0123456789', 'MAESTRO_TASK_IDS=tsk_0123456789 maestro task get --json'],
    { agent: true, data: taskDetailData },
  ),
  args: { ...globalArgs, id: optionalTaskId },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(taskIdInput, { id: rt.taskId(args.id) }, { id: '<id>' });
    const task = await rt.out.spin('Loading task', rt.trpc().task.get.query(input));
    rt.out.success(task, (t) => taskDetail(t, rt.out.paint, rt.out.width));
  },
});
