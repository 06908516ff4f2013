import { taskDependencyInput, taskDependencyOutput } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../../args.js';
import { useRuntime } from '../../../runtime.js';
import { validate } from '../../../validate.js';

export default defineCommand({
  meta: meta(
    'remove',
    'Stop <id> waiting for <dependsOnId>',
    ['maestro task deps remove tsk_0123456789 tsk_abcdefghij', 'maestro task deps remove tsk_0123456789 tsk_abcdefghij --json'],
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
    const dep = await rt.out.spin('Removing dependency', rt.trpc().task.dependency.remove.mutate(input));
    rt.out.success(dep, (d) => `${d.taskId} no longer waits for ${d.dependsOnId}`);
  },
});
