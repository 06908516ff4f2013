/** Where a skill came from, highest precedence first. */
export const SKILL_SOURCES = ['project', 'user', 'builtin'] as const;
export type SkillSource = (typeof SKILL_SOURCES)[number];

/**
 * Something wrong with one skill on disk: which file, which manifest field (when
 * there is one) and what is wrong. Problems are returned, not thrown, so one
 * broken user skill never hides the others.
 */
export interface SkillProblem {
  /** The skill folder's name. */
  skill: string;
  source: SkillSource;
  file: string;
  field?: string;
  message: string;
}

/** One line a person can act on: `<file>: field "role": <message>`. */
export function formatProblem(problem: SkillProblem): string {
  const field = problem.field === undefined ? '' : ` field "${problem.field}":`;
  return `${problem.file}:${field} ${problem.message}`;
}

export class SkillNotFoundError extends Error {
  override readonly name = 'SkillNotFoundError';
  readonly code = 'SKILL_NOT_FOUND';
  constructor(
    readonly skill: string,
    readonly searched: string[],
    readonly available: string[],
  ) {
    super(`Skill "${skill}" not found. Searched: ${searched.join(', ')}. ` + `Available: ${available.length > 0 ? available.join(', ') : 'none'}.`);
  }
}

/** A skill exists but no copy of it is valid; `problems` names each file and field. */
export class SkillInvalidError extends Error {
  override readonly name = 'SkillInvalidError';
  readonly code = 'SKILL_INVALID';
  constructor(
    readonly skill: string,
    readonly problems: SkillProblem[],
  ) {
    super(`Skill "${skill}" is invalid:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  }
}
