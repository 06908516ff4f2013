import { resolve } from 'node:path';
import { projectCreateInput } from '@maestro/schemas';
import { defineCommand } from 'citty';
import { descArg, globalArgs, meta } from '../../args.js';
import { projectSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta('create', 'Create a project rooted in a working directory (default: the current one)', [
    'maestro project create "Web app"',
    'maestro project create api --dir ~/src/api --json',
  ]),
  args: {
    ...globalArgs,
    name: { type: 'positional', required: true, description: 'Project name' },
    dir: { type: 'string', valueHint: 'path', description: 'Working directory agents run in (default: current directory)' },
    desc: descArg,
  },
  async run({ args }) {
    const rt = useRuntime();
    const input = validate(
      projectCreateInput,
      { name: args.name, workingDir: resolve(args.dir ?? process.cwd()), description: args.desc },
      { name: '<name>', workingDir: '--dir', description: '--desc' },
    );
    const project = await rt.out.spin('Creating project', rt.trpc().project.create.mutate(input));
    rt.out.success(project, (p) => `${projectSummary(p, rt.out.paint)}\n\nMake it the default with: maestro project use ${p.id}`);
  },
});
