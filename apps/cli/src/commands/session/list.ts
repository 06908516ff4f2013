import { sessionListInput, sessionListOutput } from '@maestro/schemas/session';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { listSessions } from '../../pages.js';
import { runnersText } from '../../runners-text.js';
import { splitList, toInt, validate } from '../../validate.js';
import { sessionTable } from './render.js';

export default defineCommand({
  meta: meta(
    'list',
    'List sessions of the project, newest first, and the connected runners; every page unless --limit',
    ['maestro session list --active', 'maestro session list --attention needs_input', 'maestro session list --task tsk_0123456789 --json'],
    { agent: true, data: sessionListOutput },
  ),
  args: {
    ...globalArgs,
    status: { type: 'string', valueHint: 'status[,…]', description: 'spawning, active, completed, failed, stopped, lost' },
    active: { type: 'boolean', description: 'Only spawning or active sessions' },
    attention: { type: 'string', valueHint: 'state[,…]', description: 'working, needs_input, idle, unseen' },
    task: { type: 'string', valueHint: 'id', description: 'Sessions that worked on this task' },
    'spawned-by': { type: 'string', valueHint: 'user|session-id', description: 'Who spawned them' },
    limit: { type: 'string', valueHint: 'n', description: 'One page of at most n sessions (1-500) instead of all' },
    cursor: { type: 'string', valueHint: 'cursor', description: 'With --limit: the nextCursor of the previous page' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(
      sessionListInput,
      {
        projectId: rt.project(),
        status: splitList(args.status),
        attention: splitList(args.attention),
        active: args.active,
        taskId: args.task,
        spawnedBy: args['spawned-by'],
        limit: toInt(args.limit),
        cursor: args.cursor,
      },
      { status: '--status', attention: '--attention', taskId: '--task', spawnedBy: '--spawned-by' },
    );
    // Runners only for a person: --json stays the page, as `task list --json` is.
    const [page, runners] = await Promise.all([
      listSessions(rt, { ...input, limit: args.limit === undefined ? undefined : input.limit }),
      rt.out.json ? null : rt.trpc().runner.list.query(),
    ]);
    rt.out.success(page, (p) => {
      const more = p.nextCursor ? `\n${rt.out.paint('dim', `more: --cursor ${p.nextCursor}`)}` : '';
      return `${sessionTable(p.items, rt.out.paint)}${more}\n\n${runnersText(runners?.items ?? [], rt.out.paint)}`;
    });
  },
});
