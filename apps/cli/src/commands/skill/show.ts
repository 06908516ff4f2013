import { loadSkill } from '@maestro/skills';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { CliError } from '../../errors.js';
import { invocationOf } from '../../invocation.js';
import { skillShowData } from '../../schemas/cli.js';
import { cliSkillSearch } from '../../skills-dir.js';

export default defineCommand({
  meta: meta('show', 'Print a skill: its manifest and text', ['maestro skill show maestro-worker'], { data: skillShowData }),
  args: { ...globalArgs, name: { type: 'positional', required: true, description: 'Skill name' } },
  async run({ args, data }) {
    const { out } = invocationOf(data);
    const skill = await loadSkill(args.name, cliSkillSearch()).catch((error: Error) => {
      throw new CliError('NOT_FOUND', error.message, { hint: 'See `maestro skill list`.' });
    });
    out.success({ manifest: skill.manifest, source: skill.source, dir: skill.dir, body: skill.body }, (s) => s.body);
  },
});
