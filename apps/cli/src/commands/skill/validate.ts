import { formatProblem, validateSkillsDir } from '@maestro/skills';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { CliError } from '../../errors.js';
import { getSession } from '../../session.js';

export default defineCommand({
  meta: meta('validate', 'Check every skill in a directory (default ./.maestro/skills): manifests and files', ['maestro skill validate', 'maestro skill validate skills --json']),
  args: { ...globalArgs, dir: { type: 'positional', required: false, description: 'Directory of skill folders' } },
  async run({ args }) {
    const { out } = getSession();
    const dir = args.dir ?? '.maestro/skills';
    const { skills, problems } = await validateSkillsDir(dir);
    if (problems.length > 0) {
      throw new CliError('VALIDATION', `${problems.length} problem(s) in ${dir}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`, {
        details: { problems },
      });
    }
    out.success({ dir, valid: skills.map((s) => s.manifest.name) }, (d) => `${d.valid.length} valid skill(s) in ${d.dir}: ${d.valid.join(', ')}`);
  },
});
