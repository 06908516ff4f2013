import { taskCommentInput, taskCommentOutput } from '@maestro/schemas/task';
import { taskId } from '@maestro/schemas/ids';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'comment',
    'Add a comment to a task’s timeline',
    [
      'maestro task comment tsk_0123456789 "Tried the staging DB; same error"',
      'MAESTRO_TASK_IDS=tsk_0123456789 maestro task comment --body "Half done" --json',
    ],
    { agent: true, data: taskCommentOutput },
  ),
  args: {
    ...globalArgs,
    id: { type: 'positional', required: false, description: 'Task id (default: first of MAESTRO_TASK_IDS)' },
    text: { type: 'positional', required: false, description: 'The comment (or --body)' },
    body: { type: 'string', valueHint: 'text', description: 'The comment, when the id comes from MAESTRO_TASK_IDS' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    // One positional that is not a task id is the comment; the id then comes from the session.
    const onlyText = args.text === undefined && args.body === undefined && args.id !== undefined && !taskId.safeParse(args.id).success;
    const [id, body] = onlyText ? [undefined, args.id] : [args.id, args.text ?? args.body];
    const input = validate(taskCommentInput, { id: rt.taskId(id), body }, { id: '<id>', body: '<text>' });
    const comment = await rt.out.spin('Commenting', rt.trpc().task.comment.mutate(input));
    rt.out.success(comment, (c) => `Commented on ${c.taskId}`);
  },
});
