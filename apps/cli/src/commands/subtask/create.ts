import { subtaskCreateInput } from '@maestro/schemas/subtask';
import { task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { descArg, globalArgs, meta, worktreeArg } from '../../args.js';
import { priorityArg } from '../../choices.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'create',
    'Add a subtask to a task (it goes last)',
    [
      'maestro subtask create tsk_0123456789 "Write the migration"',
      'maestro subtask create tsk_0123456789 "Update docs" --desc "README and docs/cli.md" --json',
    ],
    { agent: true, data: task },
  ),
  args: {
    ...globalArgs,
    taskId: { type: 'positional', required: true, description: 'Parent task id' },
    title: { type: 'positional', required: true, description: 'Title (quote it)' },
    desc: descArg,
    priority: priorityArg,
    worktree: worktreeArg,
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(
      subtaskCreateInput,
      { taskId: args.taskId, title: args.title, description: args.desc, priority: args.priority, worktree: args.worktree },
      { taskId: '<taskId>', title: '<title>', description: '--desc' },
    );
    const subtask = await rt.out.spin('Creating subtask', rt.trpc().subtask.create.mutate(input));
    rt.out.success(subtask, (t) => taskSummary(t, rt.out.paint));
  },
});
