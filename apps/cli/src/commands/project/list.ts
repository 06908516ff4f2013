import { project } from '@maestro/schemas/project';
import { defineCommand } from 'citty';
import { z } from 'zod';
import { globalArgs, meta } from '../../args.js';
import { projectTable } from '../../render.js';
import { useRuntime } from '../../runtime.js';

export default defineCommand({
  meta: meta('list', 'List projects (* marks the selected one)', ['maestro project list', 'maestro project list --json'], { data: z.array(project) }),
  args: { ...globalArgs },
  async run({ data }) {
    const rt = useRuntime(data);
    const { items } = await rt.out.spin('Loading projects', rt.trpc().project.list.query());
    rt.out.success(items, (list) => projectTable(list, rt.out.paint, rt.settings().project));
  },
});
