import { assembleTaskTree, taskTreeInput, taskTreeNodes } from '@maestro/schemas/task';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { treeTasks } from '../../pages.js';
import { taskTree } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta('tree', 'A task and its subtasks as a tree; the whole project without an id', ['maestro task tree', 'maestro task tree tsk_0123456789 --json'], {
    agent: true,
    data: taskTreeNodes,
  }),
  args: {
    ...globalArgs,
    id: { type: 'positional', required: false, description: 'Root task (default: first of MAESTRO_TASK_IDS, else the whole project)' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(taskTreeInput, { projectId: rt.project(), rootId: args.id ?? rt.env.taskIds[0] }, { rootId: '<id>', projectId: '--project' });
    const tree = assembleTaskTree(await treeTasks(rt, input));
    rt.out.success(tree, (nodes) => taskTree(nodes, rt.out.paint));
  },
});
