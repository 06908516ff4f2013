import { taskUpdateInput } from '@maestro/schemas';
import { defineCommand } from 'citty';
import { descArg, expectedVersionArg, globalArgs, meta, requiredTaskId, titleArg } from '../../args.js';
import { priorityArg, statusArg } from '../../choices.js';
import { CliError } from '../../errors.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { toInt, validate } from '../../validate.js';

export default defineCommand({
  meta: meta('update', 'Change a task’s title, description, priority or status', [
    'maestro task update tsk_0123456789 --priority urgent',
    'maestro task update tsk_0123456789 --status in_review --expected-version 3 --json',
  ]),
  args: {
    ...globalArgs,
    id: requiredTaskId,
    title: titleArg,
    desc: descArg,
    priority: priorityArg,
    status: statusArg,
    'expected-version': expectedVersionArg,
  },
  async run({ args }) {
    const rt = useRuntime();
    const input = validate(
      taskUpdateInput,
      {
        id: args.id,
        title: args.title,
        description: args.desc,
        priority: args.priority,
        status: args.status,
        expectedVersion: toInt(args['expected-version']),
      },
      { id: '<id>', description: '--desc' },
    );
    if (input.title === undefined && input.description === undefined && input.priority === undefined && input.status === undefined) {
      throw new CliError('VALIDATION', 'Nothing to update', { hint: 'Give at least one of --title, --desc, --priority, --status.' });
    }
    const task = await rt.out.spin('Updating task', rt.trpc().task.update.mutate(input));
    rt.out.success(task, (t) => taskSummary(t, rt.out.paint));
  },
});
