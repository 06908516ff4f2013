import type { Project, Role, Session, TaskDetail, TaskRef } from '@maestro/schemas';
import { formatSkillsForPrompt } from './format.js';
import { getSkillsForRole, getSkillsForSession, type Skill, type SkillSet } from './loader.js';
import type { SkillSearchOptions } from './options.js';

export interface PromptInput {
  role: Role;
  project: Pick<Project, 'id' | 'name' | 'workingDir'>;
  /** The session's tasks, in the order it should do them. */
  tasks: readonly TaskDetail[];
  /** Absent when previewing a prompt outside a session. */
  session?: Pick<Session, 'id' | 'name' | 'skill'> | null;
}

export interface ComposedPrompt {
  text: string;
  skills: Skill[];
  problems: SkillSet['problems'];
}

const indent = (text: string, prefix: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');

const ref = (t: TaskRef) => `- \`${t.id}\` ${t.title} (${t.status})`;

function renderTask(task: TaskDetail): string {
  const lines = [`## Task \`${task.id}\`: ${task.title}`, `Status ${task.status}, priority ${task.priority}${task.ready ? ', ready' : ''}.`];
  lines.push('Acceptance notes:', task.description.trim() ? indent(task.description, '> ') : '> (none given: if the goal is unclear, block and ask)');
  if (task.subtasks.length > 0) {
    lines.push('Subtasks, in order:');
    task.subtasks.forEach((s, i) => {
      lines.push(`${i + 1}. \`${s.id}\` ${s.title} (${s.status})`);
      if (s.description.trim()) lines.push(indent(s.description, '   '));
    });
  }
  if (task.dependencies.length > 0) lines.push('Waits for (must be completed first):', ...task.dependencies.map(ref));
  if (task.dependents.length > 0) lines.push('Waiting on this:', ...task.dependents.map(ref));
  return lines.join('\n');
}

function renderReporting(role: Role, tasks: readonly TaskDetail[]): string {
  const id = tasks.length === 1 && tasks[0] ? tasks[0].id : '<id>';
  const lines = ['## Reporting back (through `maestro` only)'];
  if (role === 'orchestrator') {
    lines.push(
      `- Plan: \`maestro subtask create ${id} "<title>" --desc "<acceptance notes>" --json\`, order with \`maestro task deps add <laterId> <earlierId> --json\`.`,
      '- Delegate: `maestro session spawn --task <subtaskId> --skill maestro-worker --json` per ready subtask.',
      `- Follow: \`maestro watch --count 1 --json\` (next event), \`maestro task tree ${id} --json\`; unblock with \`maestro task unblock <subtaskId> --json\`.`,
      `- Finish: \`maestro task complete ${id} --json\` once every subtask is completed and reviewed.`,
    );
  } else {
    lines.push(
      `- Begin: \`maestro task start ${id} --json\`.`,
      '- Progress: `maestro subtask complete <subtaskId> --json` as each subtask is done.',
      `- Stuck: \`maestro task block ${id} --reason "<what you need>" --json\`, then stop.`,
      `- Done and verified: \`maestro task complete ${id} --json\`.`,
    );
  }
  lines.push('End with one line: what you did and what, if anything, is left.');
  return lines.join('\n');
}

function renderAssignment(input: PromptInput): string {
  const { role, project, session, tasks } = input;
  const who = session ? `You are session \`${session.id}\` ("${session.name}"), role ${role}` : `You are a ${role}`;
  const ids = tasks.map((t) => `\`${t.id}\``).join(', ');
  return [
    '# Your assignment',
    `${who}, in project "${project.name}" (\`${project.id}\`), working directory \`${project.workingDir}\`.`,
    tasks.length > 0 ? `Your tasks, in order: ${ids}.` : 'You have no task yet: run `maestro status --json`.',
  ].join('\n');
}

/** The whole first prompt from already loaded skills: skills, assignment, tasks, how to report back. */
export function renderPrompt(input: PromptInput & { skills: readonly Skill[] }): string {
  const parts = [formatSkillsForPrompt(input.skills), renderAssignment(input), ...input.tasks.map(renderTask), renderReporting(input.role, input.tasks)];
  return `${parts.filter((p) => p.trim() !== '').join('\n\n')}\n`;
}

/**
 * The first prompt of a spawned agent. Skills come from the search path with the
 * project's working directory as the project layer (unless `options.projectDir`
 * says otherwise); the session's own skill, when set, replaces the role's.
 */
export async function composePrompt(input: PromptInput, options: SkillSearchOptions = {}): Promise<ComposedPrompt> {
  const search = { projectDir: input.project.workingDir, ...options };
  const { skills, problems } = input.session?.skill
    ? await getSkillsForSession(input.role, input.session.skill, search)
    : await getSkillsForRole(input.role, search);
  return { text: renderPrompt({ ...input, skills }), skills, problems };
}
