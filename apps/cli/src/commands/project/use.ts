import { projectGetInput } from '@maestro/schemas/project';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { updateConfig } from '../../config.js';
import { useRuntime } from '../../runtime.js';
import { projectUseData } from '../../schemas/cli.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta('use', 'Make a project the default: saves it as `project` in the config file', ['maestro project use prj_0123456789'], { data: projectUseData }),
  args: {
    ...globalArgs,
    id: { type: 'positional', required: true, description: 'Project id' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const { id } = validate(projectGetInput, { id: args.id }, { id: '<id>' });
    // Checked first, so a typo is not saved.
    const project = await rt.out.spin('Checking project', rt.trpc().project.get.query({ id }));
    const path = rt.env.configPath;
    updateConfig(path, (c) => ({ ...c, project: project.id }));
    rt.out.success({ project, path }, (d) => `Now using ${d.project.id} (${d.project.name}); saved in ${d.path}`);
  },
});
