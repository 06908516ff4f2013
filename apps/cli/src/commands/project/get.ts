import { projectGetInput, project } from '@maestro/schemas/project';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { projectSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta('get', 'Show a project (default: the selected one)', ['maestro project get', 'maestro project get prj_0123456789 --json'], {
    agent: true,
    data: project,
  }),
  args: {
    ...globalArgs,
    id: { type: 'positional', required: false, description: 'Project id (default: --project, MAESTRO_PROJECT_ID or the config)' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(projectGetInput, { id: args.id ?? rt.project() }, { id: '<id>' });
    const project = await rt.out.spin('Loading project', rt.trpc().project.get.query(input));
    rt.out.success(project, (p) => projectSummary(p, rt.out.paint));
  },
});
