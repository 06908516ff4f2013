import { sessionListInput } from '@maestro/schemas';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { splitList, validate } from '../../validate.js';
import { sessionTable } from './render.js';

export default defineCommand({
  meta: meta('list', 'List sessions of the project, newest first', ['maestro session list --active', 'maestro session list --task tsk_0123456789 --json']),
  args: {
    ...globalArgs,
    status: { type: 'string', valueHint: 'status[,…]', description: 'spawning, active, completed, failed, stopped, lost' },
    active: { type: 'boolean', description: 'Only spawning or active sessions' },
    task: { type: 'string', valueHint: 'id', description: 'Sessions that worked on this task' },
    'spawned-by': { type: 'string', valueHint: 'user|session-id', description: 'Who spawned them' },
  },
  async run({ args }) {
    const rt = useRuntime();
    const input = validate(
      sessionListInput,
      { projectId: rt.project(), status: splitList(args.status), active: args.active, taskId: args.task, spawnedBy: args['spawned-by'] },
      { status: '--status', taskId: '--task' },
    );
    const sessions = await rt.out.spin('Loading sessions', rt.trpc().session.list.query(input));
    rt.out.success(sessions, (s) => sessionTable(s, rt.out.paint));
  },
});
