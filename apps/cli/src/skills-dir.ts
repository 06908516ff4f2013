import { findBuiltinSkillsDir, type SkillSearchOptions } from '@maestro/skills';

/**
 * Where skills are searched from the CLI: the built-in ones beside the bundle
 * (copied into dist/skills at build) or the repository's, the user's, and the
 * current project's `.maestro/skills`.
 */
export function cliSkillSearch(): SkillSearchOptions {
  const from = typeof __dirname === 'string' ? __dirname : undefined;
  const builtinDir = from ? findBuiltinSkillsDir(from) : findBuiltinSkillsDir();
  return { projectDir: process.cwd(), ...(builtinDir ? { builtinDir } : {}) };
}
