import { formatProblem, listSkills } from '@maestro/skills';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { table } from '../../output.js';
import { invocationOf } from '../../invocation.js';
import { skillListData } from '../../schemas/cli.js';
import { cliSkillSearch } from '../../skills-dir.js';

export default defineCommand({
  meta: meta('list', 'List skills: built-in, ~/.maestro/skills and this project’s .maestro/skills (later ones override)', ['maestro skill list --json'], {
    data: skillListData,
  }),
  args: { ...globalArgs },
  async run({ data: invocation }) {
    const { out } = invocationOf(invocation);
    const { skills, problems } = await listSkills(cliSkillSearch());
    for (const p of problems) out.info(`warning: ${formatProblem(p)}`);
    const data = skills.map((s) => ({
      name: s.manifest.name,
      version: s.manifest.version,
      role: s.manifest.role,
      source: s.source,
      description: s.manifest.description,
      dir: s.dir,
    }));
    out.success({ skills: data, problems }, (d) =>
      table(
        ['NAME', 'ROLE', 'SOURCE', 'DESCRIPTION'],
        d.skills.map((s) => [s.name, s.role, s.source, s.description]),
        out.paint,
      ),
    );
  },
});
