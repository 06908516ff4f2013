import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectCreateInput, project } from '@maestro/schemas/project';
import { defineCommand } from 'citty';
import { descArg, globalArgs, meta } from '../../args.js';
import { updateConfig } from '../../config.js';
import { projectSummary } from '../../render.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

/**
 * A runner refuses to spawn in a directory its machine does not have. The runner may be on
 * another machine, where the path does exist, so a path missing here is a warning, not an error.
 */
export function localDirWarning(dir: string): string | undefined {
  const where = 'sessions can start in it only on a runner whose machine has it (create it here, or run the runner where it is)';
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Unreadable (EACCES…) is not known to be missing: no warning rather than a wrong one.
    return code === 'ENOENT' || code === 'ENOTDIR' ? `${dir} does not exist on this machine: ${where}` : undefined;
  }
  return isDirectory ? undefined : `${dir} is not a directory on this machine: ${where}`;
}

export default defineCommand({
  meta: meta(
    'create',
    'Create a project rooted in a working directory (default: the current one); the first one becomes the default project',
    ['maestro project create "Web app"', 'maestro project create api --dir ~/src/api --json'],
    { data: project },
  ),
  args: {
    ...globalArgs,
    name: { type: 'positional', required: true, description: 'Project name' },
    dir: {
      type: 'string',
      valueHint: 'path',
      description:
        'Working directory agents run in (default: current directory); a path this machine lacks is kept with a warning (a runner elsewhere may have it)',
    },
    desc: descArg,
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(
      projectCreateInput,
      { name: args.name, workingDir: resolve(args.dir ?? process.cwd()), description: args.desc },
      { name: '<name>', workingDir: '--dir', description: '--desc' },
    );
    const warning = localDirWarning(input.workingDir);
    if (warning) rt.out.info(`warning: ${warning}`);
    const project = await rt.out.spin('Creating project', rt.trpc().project.create.mutate(input));
    // The first project becomes the default, so the next command needs no --project.
    const selected = rt.settings().projectSource === 'none';
    if (selected) updateConfig(rt.env.configPath, (c) => ({ ...c, project: project.id }));
    if (selected && rt.out.json) rt.out.info(`Selected ${project.id} as the default project (saved in ${rt.env.configPath}).`);
    rt.out.success(project, (p) =>
      selected
        ? `${projectSummary(p, rt.out.paint)}\n\nSelected as the default project (saved in ${rt.env.configPath}): maestro status`
        : `${projectSummary(p, rt.out.paint)}\n\nMake it the default with: maestro project use ${p.id}`,
    );
  },
});
