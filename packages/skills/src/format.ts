import type { Skill } from './loader.js';

/** HTML comments (the generated-section markers) mean nothing to an agent and cost tokens. */
function stripComments(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?-->\n?/g, '');
}

/** The skills as one block of prompt text, in the given order. */
export function formatSkillsForPrompt(skills: readonly Skill[]): string {
  return skills.map((s) => stripComments(s.body).trim()).join('\n\n');
}
