import { AGENTS } from '@maestro/schemas/enums';
import { loadSkill, SkillInvalidError, SkillNotFoundError } from '@maestro/skills';
import { namedAgentCommand, readConfig } from '../../config.js';
import { CliError } from '../../errors.js';
import { cliSkillSearch } from '../../skills-dir.js';

/**
 * `--agent`: a built-in adapter, or a name from the config (run as a custom
 * command). Returns the agent and command to send; an unknown name is refused
 * listing every agent that exists.
 */
export function resolveAgent(
  configPath: string,
  agent: string | undefined,
  command: string | undefined,
): { agent: string | undefined; command: string | undefined } {
  if (agent === undefined || (AGENTS as readonly string[]).includes(agent)) return { agent, command };
  const config = readConfig(configPath);
  const named = namedAgentCommand(config, agent);
  if (named) return { agent: 'custom', command: named };
  const configured = Object.keys(config.agents ?? {});
  throw new CliError('VALIDATION', `Unknown agent "${agent}"`, {
    hint: `Agents: ${[...AGENTS, ...configured].join(', ')}. ` + `Name a new one in the config: maestro config --set agents.${agent}.command="<command line>"`,
    details: { agent, agents: [...AGENTS], configured },
  });
}

/**
 * `--skill`: refused at once when no skill of that name exists (or it is
 * broken), where the runner would look: the project's .maestro/skills, the
 * user's ~/.maestro/skills, then the built-ins. A runner on another machine
 * sees its own user skills; this checks this machine's.
 */
export async function checkSkill(skill: string, projectDir: string): Promise<void> {
  try {
    await loadSkill(skill, { ...cliSkillSearch(), projectDir });
  } catch (error) {
    if (error instanceof SkillNotFoundError) {
      throw new CliError('VALIDATION', `Unknown skill "${skill}"`, {
        hint: `Skills: ${error.available.join(', ') || '(none)'} (see maestro skill list). Omit --skill for the role's own.`,
        details: { skill, skills: error.available, searched: error.searched },
      });
    }
    if (error instanceof SkillInvalidError) {
      throw new CliError('VALIDATION', error.message, {
        hint: 'Fix the files named above (maestro skill validate <dir>), or spawn with another --skill.',
        details: { problems: error.problems },
      });
    }
    throw error;
  }
}
