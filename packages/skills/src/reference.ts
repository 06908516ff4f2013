/** Markers around the command section of `skills/maestro-cli/skill.md` that the generator owns. */
export const GENERATED_BEGIN = '<!-- BEGIN GENERATED COMMANDS -->';
export const GENERATED_END = '<!-- END GENERATED COMMANDS -->';

/** One command as the CLI defines it: usage after `maestro` (`task block <id> --reason "<reason>"`) and a one-line summary. */
export interface CommandDoc {
  usage: string;
  summary?: string;
}

function bounds(markdown: string): { start: number; end: number } {
  const start = markdown.indexOf(GENERATED_BEGIN);
  const end = markdown.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error(`expected ${GENERATED_BEGIN} … ${GENERATED_END} in the skill`);
  return { start: start + GENERATED_BEGIN.length, end };
}

/** The text between the markers, trimmed. */
export function generatedSection(markdown: string): string {
  const { start, end } = bounds(markdown);
  return markdown.slice(start, end).trim();
}

/** The markdown with the text between the markers replaced (markers kept). */
export function replaceGeneratedSection(markdown: string, content: string): string {
  const { start, end } = bounds(markdown);
  return `${markdown.slice(0, start)}\n${content.trim()}\n${markdown.slice(end)}`;
}

/** The command list as the skill shows it: one line per command. */
export function renderCommandReference(commands: readonly CommandDoc[]): string {
  return commands.map((c) => `- \`maestro ${c.usage}\`${c.summary ? ` — ${c.summary}` : ''}`).join('\n');
}
