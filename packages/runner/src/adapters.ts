import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Agent } from '@maestro/schemas';

export interface LaunchCommand {
  file: string;
  args: string[];
  /** Shown in errors: what a person would type. */
  display: string;
}

export interface AdapterInput {
  agent: Agent;
  command: string | null;
  prompt: string;
  promptFile: string;
  shell: string;
  /** The tool's own flags (hook settings), before its prompt. */
  hookArgs?: string[];
}

/** `file` on PATH, or null. */
export function findOnPath(file: string, path: string): string | null {
  if (file.includes('/')) return file;
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, file);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const INSTALL_HINT: Record<Exclude<Agent, 'custom'>, string> = {
  claude: 'Install Claude Code (npm i -g @anthropic-ai/claude-code)',
  codex: 'Install Codex CLI (npm i -g @openai/codex)',
  gemini: 'Install Gemini CLI (npm i -g @google/gemini-cli)',
};

const KICKOFF = 'Begin. Your instructions and task are in your system prompt; the same text is in $MAESTRO_PROMPT_FILE.';

/**
 * How each agent starts. Claude Code gets the composed prompt as an appended
 * system prompt and a first message; Codex and Gemini get it as their first
 * prompt; a custom command runs through the user's shell and reads
 * MAESTRO_PROMPT_FILE if it wants the prompt.
 */
export function commandFor(input: AdapterInput): LaunchCommand {
  const hooks = input.hookArgs ?? [];
  switch (input.agent) {
    case 'claude':
      return { file: 'claude', args: [...hooks, '--append-system-prompt', input.prompt, KICKOFF], display: 'claude' };
    case 'codex':
      return { file: 'codex', args: [...hooks, input.prompt], display: 'codex' };
    case 'gemini':
      return { file: 'gemini', args: [...hooks, '--prompt-interactive', input.prompt], display: 'gemini' };
    case 'custom':
      return { file: input.shell, args: ['-c', input.command ?? ''], display: input.command ?? '' };
  }
}

/** A clear error for an agent binary that is not installed, or null when it is. */
export function missingBinaryError(agent: Agent, launch: LaunchCommand, path: string): string | null {
  if (findOnPath(launch.file, path)) return null;
  if (agent === 'custom') return `The shell ${launch.file} was not found; set SHELL to an installed shell.`;
  return `Command '${launch.file}' was not found on the runner's PATH. ${INSTALL_HINT[agent]}, or spawn with --agent custom --command "<command>".`;
}

/**
 * A clear error for a working directory that is not there on this machine, or null when it is.
 * The server cannot check a project's directory (its runners may be elsewhere); without this the
 * agent's terminal says only "chdir(2) failed".
 */
export function missingWorkingDirError(dir: string): string | null {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return `The project's working directory ${dir} does not exist on this runner's machine. Create it (mkdir -p ${dir}) and spawn again.`;
  }
  return isDir ? null : `The project's working directory ${dir} is not a directory. Point the project at a directory and spawn again.`;
}

/** Exit 126/127 from a shell means the command itself could not run. */
export function shellFailure(agent: Agent, display: string, exitCode: number | null): string | null {
  if (agent !== 'custom') return null;
  if (exitCode === 127) return `Command not found: ${display}. Check the command line, or install what it runs.`;
  if (exitCode === 126) return `Command not executable: ${display}. Check its permissions.`;
  return null;
}
