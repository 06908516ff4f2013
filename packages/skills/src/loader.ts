import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Role } from '@maestro/schemas';
import { SkillInvalidError, SkillNotFoundError, type SkillProblem, type SkillSource } from './errors.js';
import { parseManifest, type SkillManifest } from './manifest.js';
import { skillLayers, type SkillLayer, type SkillSearchOptions } from './options.js';

export interface Skill {
  manifest: SkillManifest;
  /** The text of `skill.md`. */
  body: string;
  dir: string;
  source: SkillSource;
}

export interface SkillSet {
  skills: Skill[];
  /** Broken skills and unresolved dependencies; the skills above are usable regardless. */
  problems: SkillProblem[];
}

type Candidate = { ok: true; skill: Skill } | { ok: false; problems: SkillProblem[] };

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Reads and validates one skill folder: `manifest.json` + non-empty `skill.md`, name = folder name. */
export async function readSkillDir(dir: string, name: string, source: SkillSource): Promise<Candidate> {
  const manifestFile = join(dir, 'manifest.json');
  const bodyFile = join(dir, 'skill.md');
  const problem = (file: string, message: string, field?: string): SkillProblem => ({
    skill: name,
    source,
    file,
    message,
    ...(field === undefined ? {} : { field }),
  });
  const [manifestText, body] = await Promise.all([readText(manifestFile), readText(bodyFile)]);
  const problems: SkillProblem[] = [];
  let manifest: SkillManifest | undefined;
  if (manifestText === undefined) {
    problems.push(problem(manifestFile, 'file is missing'));
  } else {
    const parsed = parseManifest(manifestText);
    if (parsed.ok) manifest = parsed.manifest;
    else problems.push(...parsed.errors.map((e) => problem(manifestFile, e.message, e.field)));
  }
  if (manifest && manifest.name !== name) {
    problems.push(problem(manifestFile, `is "${manifest.name}" but the folder is "${name}"; they must match`, 'name'));
  }
  if (body === undefined) problems.push(problem(bodyFile, 'file is missing'));
  else if (body.trim() === '') problems.push(problem(bodyFile, 'file is empty'));
  if (problems.length > 0 || !manifest || body === undefined) return { ok: false, problems };
  return { ok: true, skill: { manifest, body, dir, source } };
}

async function skillFolders(layer: SkillLayer): Promise<string[]> {
  try {
    const entries = await readdir(layer.dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** Every copy of every skill on the search path, grouped by name, highest precedence first. */
async function scan(options: SkillSearchOptions): Promise<{ byName: Map<string, Candidate[]>; searched: string[]; problems: SkillProblem[] }> {
  const { layers, builtinMissing } = skillLayers(options);
  const byName = new Map<string, Candidate[]>();
  for (const layer of layers) {
    for (const name of await skillFolders(layer)) {
      const candidate = await readSkillDir(join(layer.dir, name), name, layer.source);
      byName.set(name, [...(byName.get(name) ?? []), candidate]);
    }
  }
  const problems: SkillProblem[] = builtinMissing
    ? [{ skill: '*', source: 'builtin', file: 'skills/', message: 'built-in skills not found; pass builtinDir' }]
    : [];
  return { byName, searched: layers.map((l) => l.dir), problems };
}

/** The first valid copy wins; broken copies are reported, and a broken override falls back to the next layer. */
function resolveCandidates(candidates: Candidate[]): { skill?: Skill; problems: SkillProblem[] } {
  const problems = candidates.flatMap((c) => (c.ok ? [] : c.problems));
  const winner = candidates.find((c) => c.ok);
  return winner?.ok ? { skill: winner.skill, problems } : { problems };
}

/** All usable skills (after overrides) sorted by name, and every problem found on the way. */
export async function listSkills(options: SkillSearchOptions = {}): Promise<SkillSet> {
  const { byName, problems } = await scan(options);
  const skills: Skill[] = [];
  for (const name of [...byName.keys()].sort()) {
    const resolved = resolveCandidates(byName.get(name)!);
    if (resolved.skill) skills.push(resolved.skill);
    problems.push(...resolved.problems);
  }
  return { skills, problems };
}

/**
 * One skill by name, from the highest-precedence valid copy. Throws
 * SkillNotFoundError when no copy exists, SkillInvalidError when none is valid.
 */
export async function loadSkill(name: string, options: SkillSearchOptions = {}): Promise<Skill> {
  const { byName, searched } = await scan(options);
  const candidates = byName.get(name);
  if (!candidates) throw new SkillNotFoundError(name, searched, [...byName.keys()].sort());
  const resolved = resolveCandidates(candidates);
  if (!resolved.skill) throw new SkillInvalidError(name, resolved.problems);
  return resolved.skill;
}

/**
 * The named skills plus their dependencies, dependencies first and otherwise
 * by priority (higher first), then name. Missing dependencies and cycles are
 * reported as problems; whatever can be ordered is still returned.
 */
export function orderSkills(names: string[], available: Skill[]): SkillSet {
  const byName = new Map(available.map((s) => [s.manifest.name, s]));
  const problems: SkillProblem[] = [];
  const wanted = new Map<string, Skill>();
  const visit = (name: string, requiredBy?: Skill) => {
    if (wanted.has(name)) return;
    const skill = byName.get(name);
    if (!skill) {
      const at = requiredBy
        ? { skill: requiredBy.manifest.name, source: requiredBy.source, file: join(requiredBy.dir, 'manifest.json'), field: 'dependencies' }
        : { skill: name, source: 'builtin' as const, file: '(requested)' };
      problems.push({ ...at, message: `skill "${name}" not found` });
      return;
    }
    wanted.set(name, skill);
    for (const dep of skill.manifest.dependencies) visit(dep, skill);
  };
  for (const name of names) visit(name);
  const ordered: Skill[] = [];
  const placed = new Set<string>();
  const rank = (a: Skill, b: Skill) => b.manifest.priority - a.manifest.priority || a.manifest.name.localeCompare(b.manifest.name);
  let pending = [...wanted.values()];
  while (pending.length > 0) {
    const ready = pending.filter((s) => s.manifest.dependencies.every((d) => placed.has(d) || !wanted.has(d))).sort(rank);
    const next = ready[0];
    if (!next) {
      for (const s of pending) {
        problems.push({ skill: s.manifest.name, source: s.source, file: join(s.dir, 'manifest.json'), field: 'dependencies', message: 'dependency cycle' });
      }
      ordered.push(...pending.sort(rank));
      break;
    }
    ordered.push(next);
    placed.add(next.manifest.name);
    pending = pending.filter((s) => s !== next);
  }
  return { skills: ordered, problems };
}

/** The skills a session of `role` starts with: those assigned to the role (the CLI reference and the role's own), in order. */
export async function getSkillsForRole(role: Role, options: SkillSearchOptions = {}): Promise<SkillSet> {
  const all = await listSkills(options);
  const names = all.skills.filter((s) => s.manifest.assignTo.includes(role)).map((s) => s.manifest.name);
  const ordered = orderSkills(names, all.skills);
  return { skills: ordered.skills, problems: [...all.problems, ...ordered.problems] };
}

/**
 * Skills for a session given an explicit skill (`--skill`): the `system` skills
 * assigned to its role (the CLI reference) plus the named skill, which takes the
 * place of the role's own. Throws like `loadSkill` when that skill is missing or invalid.
 */
export async function getSkillsForSession(role: Role, skill: string, options: SkillSearchOptions = {}): Promise<SkillSet> {
  await loadSkill(skill, options);
  const all = await listSkills(options);
  const base = all.skills.filter((s) => s.manifest.role === 'system' && s.manifest.assignTo.includes(role)).map((s) => s.manifest.name);
  const ordered = orderSkills([...base, skill], all.skills);
  return { skills: ordered.skills, problems: [...all.problems, ...ordered.problems] };
}

/** Validates every skill folder in one directory (for `maestro skill validate [dir]`). */
export async function validateSkillsDir(dir: string, source: SkillSource = 'project'): Promise<SkillSet> {
  const skills: Skill[] = [];
  const problems: SkillProblem[] = [];
  for (const name of (await skillFolders({ source, dir })).sort()) {
    const candidate = await readSkillDir(join(dir, name), name, source);
    if (candidate.ok) skills.push(candidate.skill);
    else problems.push(...candidate.problems);
  }
  return { skills, problems };
}
