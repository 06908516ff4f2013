import { taskListInput, taskListOutput } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { listTasks } from '../../pages.js';
import { taskTable } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta('ready', 'Tasks ready to start (todo, every dependency completed), in claim order', ['maestro task ready', 'maestro task ready --json'], {
    agent: true,
    data: taskListOutput,
  }),
  args: { ...globalArgs },
  async run({ data }) {
    const rt = useRuntime(data);
    const input = validate(taskListInput, { projectId: rt.project(), ready: true }, { projectId: '--project' });
    const page = await listTasks(rt, { ...input, limit: undefined });
    rt.out.success(page, (p) => taskTable(p.items, rt.out.paint, rt.out.width));
  },
});
