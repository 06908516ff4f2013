import { taskClaimInput, task } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { taskSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'claim',
    'Take a task (in_progress, assigned to you): the given one, else the first of MAESTRO_TASK_IDS, else the next ready one by priority. Nothing ready: exit 2, NOTHING_READY',
    ['maestro task claim', 'maestro task claim tsk_0123456789 --json', 'maestro task claim --next --as alice'],
    { agent: true, data: task },
  ),
  args: {
    ...globalArgs,
    id: { type: 'positional', required: false, description: 'Task id (default: first of MAESTRO_TASK_IDS, else the next ready task)' },
    next: { type: 'boolean', description: 'Claim the next ready task even inside a session with MAESTRO_TASK_IDS' },
    as: { type: 'string', valueHint: 'name', description: 'Claim as this name (default: MAESTRO_SESSION_ID, else $USER)' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(
      taskClaimInput,
      { projectId: rt.project(), id: args.id ?? (args.next ? undefined : rt.env.taskIds[0]), claimant: rt.claimant(args.as) },
      { id: '<id>', claimant: '--as', projectId: '--project' },
    );
    const task = await rt.out.spin('Claiming task', rt.trpc().task.claim.mutate(input));
    rt.out.success(task, (t) => taskSummary(t, rt.out.paint));
  },
});
