import { taskCreateInput, task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { descArg, globalArgs, meta, worktreeArg } from '../../args.js';
import { priorityArg } from '../../choices.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { splitList, validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'create',
    'Create a task in the project (a subtask with --parent; priority defaults to the parent’s, else medium)',
    [
      'maestro task create "Add login page" --priority high',
      'maestro task create "Write tests" --depends-on tsk_0123456789,tsk_abcdefghij --json',
      'maestro task create "Fix typo" --parent tsk_0123456789',
      'maestro task create "Rewrite the parser" --worktree',
    ],
    { agent: true, data: task },
  ),
  args: {
    ...globalArgs,
    title: { type: 'positional', required: true, description: 'Title (quote it)' },
    desc: descArg,
    priority: { ...priorityArg, description: `${priorityArg.description} (default: the parent’s, else medium)` },
    parent: { type: 'string', valueHint: 'task-id', description: 'Parent task: create a subtask of it' },
    'depends-on': { type: 'string', valueHint: 'id,id', description: 'Tasks this one waits for (comma-separated ids)' },
    worktree: worktreeArg,
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(
      taskCreateInput,
      {
        projectId: rt.project(),
        title: args.title,
        description: args.desc,
        priority: args.priority,
        parentId: args.parent,
        dependsOn: splitList(args['depends-on']),
        worktree: args.worktree,
      },
      { title: '<title>', description: '--desc', parentId: '--parent', dependsOn: '--depends-on', projectId: '--project' },
    );
    const task = await rt.out.spin('Creating task', rt.trpc().task.create.mutate(input));
    rt.out.success(task, (t) => taskSummary(t, rt.out.paint));
  },
});
