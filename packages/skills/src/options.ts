import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SkillSource } from './errors.js';

/**
 * Where skills are looked up. Every directory can be given explicitly; nothing
 * here reads the environment, so a runner or a test decides what is searched.
 */
export interface SkillSearchOptions {
  /** The project's working directory: its `.maestro/skills/` wins over everything. */
  projectDir?: string | null;
  /** Home directory for `~/.maestro/skills/`; defaults to `os.homedir()`. */
  homeDir?: string;
  /** The built-in skills; defaults to the repository's `skills/` (or a `skills/` beside a bundle). */
  builtinDir?: string;
}

export interface SkillLayer {
  source: SkillSource;
  dir: string;
}

const MARKER = join('skills', 'maestro-cli', 'manifest.json');

/**
 * Finds the built-in `skills/` by walking up from this module: from the package
 * source it is the repository root's; from a bundled CLI in `dist/` it is a
 * `skills/` copied beside the bundle. Undefined when neither exists.
 */
export function findBuiltinSkillsDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, MARKER))) return join(dir, 'skills');
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The search path, highest precedence first: project, then user, then built-in. */
export function skillLayers(options: SkillSearchOptions = {}): { layers: SkillLayer[]; builtinMissing: boolean } {
  const layers: SkillLayer[] = [];
  if (options.projectDir) layers.push({ source: 'project', dir: join(options.projectDir, '.maestro', 'skills') });
  layers.push({ source: 'user', dir: join(options.homeDir ?? homedir(), '.maestro', 'skills') });
  const builtin = options.builtinDir ?? findBuiltinSkillsDir();
  if (builtin) layers.push({ source: 'builtin', dir: builtin });
  return { layers, builtinMissing: builtin === undefined };
}
