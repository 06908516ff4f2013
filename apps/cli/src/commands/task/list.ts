import { taskListInput, taskListOutput } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { priorityListArg, statusListArg } from '../../choices.js';
import { listTasks } from '../../pages.js';
import { taskTable } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { splitList, toInt, validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'list',
    'List the project’s tasks, highest priority first; every page unless --limit',
    ['maestro task list', 'maestro task list --status todo,in_progress --priority high,urgent', 'maestro task list --ready --json', 'maestro task list --mine'],
    { agent: true, data: taskListOutput },
  ),
  args: {
    ...globalArgs,
    status: statusListArg,
    priority: priorityListArg,
    parent: { type: 'string', valueHint: 'task-id', description: 'Only subtasks of this task' },
    ready: { type: 'boolean', description: 'Only ready tasks: todo with every dependency completed' },
    mine: { type: 'boolean', description: 'Only tasks assigned to me (my session id, else --as, else $USER)' },
    as: { type: 'string', valueHint: 'name', description: 'Who "me" is for --mine' },
    text: { type: 'string', valueHint: 'words', description: 'Only tasks whose title or description contains this' },
    limit: { type: 'string', valueHint: 'n', description: 'One page of at most n tasks (1-500) instead of all' },
    cursor: { type: 'string', valueHint: 'cursor', description: 'With --limit: the nextCursor of the previous page' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(
      taskListInput,
      {
        projectId: rt.project(),
        status: splitList(args.status),
        priority: splitList(args.priority),
        parentId: args.parent,
        assignee: args.mine ? rt.claimant(args.as) : undefined,
        text: args.text,
        ready: args.ready || undefined,
        limit: toInt(args.limit),
        cursor: args.cursor,
      },
      { parentId: '--parent', assignee: '--as', projectId: '--project' },
    );
    const page = await listTasks(rt, { ...input, limit: args.limit === undefined ? undefined : input.limit });
    rt.out.success(page, (p) => {
      const more = p.nextCursor ? `\n${rt.out.paint('dim', `more: --cursor ${p.nextCursor}`)}` : '';
      return `${taskTable(p.items, rt.out.paint, rt.out.width)}${more}`;
    });
  },
});
