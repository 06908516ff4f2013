export { extractCommandLines, splitCommandLine } from './commands.js';
export { formatProblem, SKILL_SOURCES, SkillInvalidError, SkillNotFoundError, type SkillProblem, type SkillSource } from './errors.js';
export { formatSkillsForPrompt } from './format.js';
export {
  getSkillsForRole,
  getSkillsForSession,
  listSkills,
  loadSkill,
  orderSkills,
  readSkillDir,
  validateSkillsDir,
  type Skill,
  type SkillSet,
} from './loader.js';
export { parseManifest, skillManifest, type ManifestParseResult, type SkillManifest } from './manifest.js';
export { findBuiltinSkillsDir, skillLayers, type SkillLayer, type SkillSearchOptions } from './options.js';
export { GENERATED_BEGIN, GENERATED_END, generatedSection, renderCommandReference, replaceGeneratedSection, type CommandDoc } from './reference.js';
export { composePrompt, renderPrompt, type ComposedPrompt, type PromptInput } from './prompt.js';
