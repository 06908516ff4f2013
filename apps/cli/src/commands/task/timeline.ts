import { taskIdInput } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta, requiredTaskId } from '../../args.js';
import { listTimeline } from '../../pages.js';
import { eventTable } from '../../event-text.js';
import { useRuntime } from '../../runtime.js';
import { timelineData } from '../../schemas/cli.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'timeline',
    'Everything that happened to a task, oldest first: status changes, blocks with reasons, comments',
    ['maestro task timeline tsk_0123456789', 'maestro task timeline tsk_0123456789 --json'],
    { agent: true, data: timelineData },
  ),
  args: { ...globalArgs, id: requiredTaskId },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const { id } = validate(taskIdInput, { id: args.id }, { id: '<id>' });
    // Asked together (one batched request). A deleted task still has its timeline; an unknown id is NOT_FOUND.
    const [found, events] = await Promise.all([
      rt
        .trpc()
        .task.get.query({ id })
        .then(
          () => null,
          (error: unknown) => error,
        ),
      listTimeline(rt, id),
    ]);
    if (events.length === 0 && found !== null) throw found;
    rt.out.success(events, (list) => (list.length === 0 ? rt.out.paint('dim', 'No events.') : eventTable(list, rt.out.paint)));
  },
});
