import { subtaskUpdateInput } from '@maestro/schemas/subtask';
import { task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { descArg, expectedVersionArg, globalArgs, meta, titleArg, worktreeToggleArg } from '../../args.js';
import { priorityArg, statusArg } from '../../choices.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { requireTaskChange, toInt, validate } from '../../validate.js';
import { parentOf } from './parent.js';

export default defineCommand({
  meta: meta(
    'update',
    'Change a subtask’s title, description, priority, status or worktree opt-in',
    ['maestro subtask update tsk_0123456789 --title "Write the down migration too"', 'maestro subtask update tsk_0123456789 --status in_progress --json'],
    { agent: true, data: task },
  ),
  args: {
    ...globalArgs,
    subtaskId: { type: 'positional', required: true, description: 'Subtask id' },
    title: titleArg,
    desc: descArg,
    priority: priorityArg,
    status: statusArg,
    worktree: worktreeToggleArg,
    'expected-version': expectedVersionArg,
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const fields = {
      subtaskId: args.subtaskId,
      title: args.title,
      description: args.desc,
      priority: args.priority,
      status: args.status,
      worktree: args.worktree,
      expectedVersion: toInt(args['expected-version']),
    };
    const labels = { subtaskId: '<subtaskId>', description: '--desc' };
    // Everything but the parent (looked up next) is checked before any request.
    const checked = validate(subtaskUpdateInput.omit({ taskId: true }), fields, labels);
    requireTaskChange(checked);
    const input = { ...checked, taskId: await parentOf(rt, checked.subtaskId) };
    const subtask = await rt.out.spin('Updating subtask', rt.trpc().subtask.update.mutate(input));
    rt.out.success(subtask, (t) => taskSummary(t, rt.out.paint));
  },
});
