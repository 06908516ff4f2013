import { taskDependencyInput, taskDependencyOutput } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../../args.js';
import { useRuntime } from '../../../runtime.js';
import { validate } from '../../../validate.js';

export default defineCommand({
  meta: meta(
    'add',
    'Make <id> wait for <dependsOnId> (refused with exit 5 if it would make a cycle)',
    ['maestro task deps add tsk_0123456789 tsk_abcdefghij', 'maestro task deps add tsk_0123456789 tsk_abcdefghij --json'],
    { agent: true, data: taskDependencyOutput },
  ),
  args: {
    ...globalArgs,
    id: { type: 'positional', required: true, description: 'The task that waits' },
    dependsOnId: { type: 'positional', required: true, description: 'The task it waits for' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(taskDependencyInput, { id: args.id, dependsOnId: args.dependsOnId }, { id: '<id>', dependsOnId: '<dependsOnId>' });
    const dep = await rt.out.spin('Adding dependency', rt.trpc().task.dependency.add.mutate(input));
    rt.out.success(dep, (d) => `${d.taskId} now waits for ${d.dependsOnId}`);
  },
});
