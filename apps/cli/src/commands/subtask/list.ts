import { subtaskListInput } from '@maestro/schemas/subtask';
import { task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { z } from 'zod';
import { globalArgs, meta } from '../../args.js';
import { taskTable } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta('list', 'List a task’s subtasks in order', ['maestro subtask list tsk_0123456789', 'maestro subtask list tsk_0123456789 --json'], {
    agent: true,
    data: z.array(task),
  }),
  args: { ...globalArgs, taskId: { type: 'positional', required: true, description: 'Parent task id' } },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(subtaskListInput, { taskId: args.taskId }, { taskId: '<taskId>' });
    const subtasks = await rt.out.spin('Loading subtasks', rt.trpc().subtask.list.query(input));
    rt.out.success(subtasks, (list) => taskTable(list, rt.out.paint, rt.out.width));
  },
});
