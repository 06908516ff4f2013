import { existsSync } from 'node:fs';
import { formatProblem, validateSkillsDir } from '@maestro/skills';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { CliError } from '../../errors.js';
import { invocationOf } from '../../invocation.js';
import { skillValidateData } from '../../schemas/cli.js';

const DEFAULT_DIR = '.maestro/skills';

export default defineCommand({
  meta: meta(
    'validate',
    'Check every skill in a directory (default ./.maestro/skills): manifests and files',
    ['maestro skill validate', 'maestro skill validate skills --json'],
    { data: skillValidateData },
  ),
  args: { ...globalArgs, dir: { type: 'positional', required: false, description: 'Directory of skill folders' } },
  async run({ args, data }) {
    const { out } = invocationOf(data);
    const dir = args.dir ?? DEFAULT_DIR;
    if (!existsSync(dir)) {
      if (args.dir !== undefined)
        throw new CliError('NOT_FOUND', `No directory ${dir}`, { hint: 'Give a directory of skill folders, each with a manifest.json and a skill.md.' });
      // Only the default is allowed to be missing: a project need not have skills of its own.
      out.success(
        { dir, valid: [] },
        () => `Nothing to validate: no ${DEFAULT_DIR} here. Give a directory (maestro skill validate <dir>) or create ${DEFAULT_DIR}/<name>/.`,
      );
      return;
    }
    const { skills, problems } = await validateSkillsDir(dir);
    if (problems.length > 0) {
      throw new CliError('VALIDATION', `${problems.length} problem(s) in ${dir}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`, {
        details: { problems },
      });
    }
    out.success({ dir, valid: skills.map((s) => s.manifest.name) }, (d) =>
      d.valid.length === 0 ? `No skills in ${d.dir}: nothing to validate.` : `${d.valid.length} valid skill(s) in ${d.dir}: ${d.valid.join(', ')}`,
    );
  },
});
