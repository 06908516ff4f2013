import { taskUpdateInput, task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { descArg, expectedVersionArg, globalArgs, meta, requiredTaskId, titleArg, worktreeToggleArg } from '../../args.js';
import { priorityArg, statusArg } from '../../choices.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { requireTaskChange, toInt, validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'update',
    'Change a task’s title, description, priority, status or worktree opt-in',
    [
      'maestro task update tsk_0123456789 --priority urgent',
      'maestro task update tsk_0123456789 --status in_review --expected-version 3 --json',
      'maestro task update tsk_0123456789 --no-worktree',
    ],
    { agent: true, data: task },
  ),
  args: {
    ...globalArgs,
    id: requiredTaskId,
    title: titleArg,
    desc: descArg,
    priority: priorityArg,
    status: statusArg,
    worktree: worktreeToggleArg,
    'expected-version': expectedVersionArg,
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(
      taskUpdateInput,
      {
        id: args.id,
        title: args.title,
        description: args.desc,
        priority: args.priority,
        status: args.status,
        worktree: args.worktree,
        expectedVersion: toInt(args['expected-version']),
      },
      { id: '<id>', description: '--desc' },
    );
    requireTaskChange(input);
    const task = await rt.out.spin('Updating task', rt.trpc().task.update.mutate(input));
    rt.out.success(task, (t) => taskSummary(t, rt.out.paint));
  },
});
