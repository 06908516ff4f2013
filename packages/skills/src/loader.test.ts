import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem, SkillInvalidError, SkillNotFoundError } from './errors.js';
import { getSkillsForRole, getSkillsForSession, listSkills, loadSkill, orderSkills, validateSkillsDir } from './loader.js';
import { findBuiltinSkillsDir, skillLayers } from './options.js';
import { tempDirs, writeSkill } from './testing/fixtures.js';

const BUILTIN = findBuiltinSkillsDir()!;

/** Search options with an empty home, so the machine's own ~/.maestro never leaks into a test. */
function isolated() {
  const dirs = tempDirs();
  return { dirs, options: { projectDir: dirs.projectDir, homeDir: dirs.homeDir, builtinDir: BUILTIN } };
}

describe('built-in skills', () => {
  test('are found from the package source and all load without problems', async () => {
    expect(BUILTIN).toMatch(/skills$/);
    const { options } = isolated();
    const { skills, problems } = await listSkills(options);
    expect(problems).toEqual([]);
    expect(skills.map((s) => [s.manifest.name, s.source])).toEqual([
      ['maestro-cli', 'builtin'],
      ['maestro-orchestrator', 'builtin'],
      ['maestro-worker', 'builtin'],
    ]);
    expect(await validateSkillsDir(BUILTIN, 'builtin')).toMatchObject({ problems: [] });
  });

  test('loadSkill returns manifest and body', async () => {
    const skill = await loadSkill('maestro-worker', isolated().options);
    expect(skill.manifest).toMatchObject({ name: 'maestro-worker', role: 'worker', assignTo: ['worker'], dependencies: ['maestro-cli'] });
    expect(skill.body).toContain('maestro task complete');
  });

  test('a bundle with skills/ copied beside it finds them', () => {
    const { root } = tempDirs();
    writeSkill(join(root, 'skills'), 'maestro-cli');
    expect(findBuiltinSkillsDir(join(root, 'dist'))).toBe(join(root, 'skills'));
    expect(skillLayers({ homeDir: root, builtinDir: '/opt/skills' }).layers.map((l) => l.source)).toEqual(['user', 'builtin']);
  });
});

describe('errors', () => {
  test('a missing skill names the skill, the directories searched and what exists', async () => {
    const { options, dirs } = isolated();
    const error = await loadSkill('maestro-reviewer', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SkillNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain('"maestro-reviewer" not found');
    expect(message).toContain(dirs.userSkills);
    expect(message).toContain(BUILTIN);
    expect(message).toContain('maestro-worker');
  });

  test.each([
    ['a wrong role', { role: 'manager' }, 'role', /expected one of/],
    ['a missing version', { version: undefined }, 'version', /is required/],
    ['a bad version', { version: 'v1' }, 'version', /semver/],
    ['a misspelt field', { assign_to: ['worker'] }, 'assign_to', /unknown field/],
    ['a bad dependency name', { dependencies: ['Maestro CLI'] }, 'dependencies.0', /lowercase/],
    ['a name that is not the folder', { name: 'other' }, 'name', /folder is "broken"/],
  ])('an invalid manifest with %s is refused naming the file and field', async (_, fields, field, message) => {
    const { options, dirs } = isolated();
    writeSkill(dirs.projectSkills, 'broken', fields);
    const error = await loadSkill('broken', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SkillInvalidError);
    const [problem] = (error as SkillInvalidError).problems;
    expect(problem).toMatchObject({ skill: 'broken', source: 'project', file: join(dirs.projectSkills, 'broken', 'manifest.json'), field });
    expect(problem!.message).toMatch(message);
    expect((error as Error).message).toContain(`${join(dirs.projectSkills, 'broken', 'manifest.json')}: field "${field}":`);
  });

  test('bad JSON, a missing manifest and an empty skill.md are each named by file', async () => {
    const { options, dirs } = isolated();
    writeSkill(dirs.userSkills, 'not-json', '{ "name": ');
    writeSkill(dirs.userSkills, 'no-manifest');
    rmSync(join(dirs.userSkills, 'no-manifest', 'manifest.json'));
    writeSkill(dirs.userSkills, 'empty-body', {}, '  \n');
    const { problems } = await listSkills(options);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(new RegExp(`^${join(dirs.userSkills, 'empty-body', 'skill.md')}: file is empty$`)),
      `${join(dirs.userSkills, 'no-manifest', 'manifest.json')}: file is missing`,
      expect.stringMatching(new RegExp(`^${join(dirs.userSkills, 'not-json', 'manifest.json')}: not valid JSON`)),
    ]);
  });
});

describe('search path', () => {
  test('project overrides user overrides built-in', async () => {
    const { options, dirs } = isolated();
    writeSkill(dirs.userSkills, 'maestro-worker', { assignTo: ['worker'] }, 'user worker');
    writeSkill(dirs.userSkills, 'maestro-orchestrator', { role: 'orchestrator', assignTo: ['orchestrator'] }, 'user orchestrator');
    writeSkill(dirs.projectSkills, 'maestro-worker', { assignTo: ['worker'] }, 'project worker');
    expect((await loadSkill('maestro-worker', options)).body).toBe('project worker');
    expect((await loadSkill('maestro-orchestrator', options)).body).toBe('user orchestrator');
    expect((await loadSkill('maestro-cli', options)).source).toBe('builtin');
    const { skills } = await listSkills(options);
    expect(Object.fromEntries(skills.map((s) => [s.manifest.name, s.source]))).toEqual({
      'maestro-cli': 'builtin',
      'maestro-orchestrator': 'user',
      'maestro-worker': 'project',
    });
  });

  test('a broken user skill is reported and does not break the built-ins', async () => {
    const { options, dirs } = isolated();
    writeSkill(dirs.userSkills, 'maestro-worker', { role: 'boss' }, 'broken override');
    writeSkill(dirs.userSkills, 'my-helper', '{');
    const { skills, problems } = await getSkillsForRole('worker', options);
    expect(skills.map((s) => [s.manifest.name, s.source])).toEqual([
      ['maestro-cli', 'builtin'],
      ['maestro-worker', 'builtin'],
    ]);
    expect(problems.map((p) => [p.skill, p.source, p.field])).toEqual([
      ['maestro-worker', 'user', 'role'],
      ['my-helper', 'user', undefined],
    ]);
    expect((await loadSkill('maestro-worker', options)).source).toBe('builtin');
  });

  test('a missing home or project skills directory is not a problem', async () => {
    const { options, dirs } = isolated();
    rmSync(dirs.root, { recursive: true });
    expect((await listSkills(options)).problems).toEqual([]);
  });
});

describe('role mapping and order', () => {
  test.each([
    ['worker', ['maestro-cli', 'maestro-worker']],
    ['orchestrator', ['maestro-cli', 'maestro-orchestrator']],
    ['system', []],
  ] as const)('%s gets %j', async (role, names) => {
    const { skills, problems } = await getSkillsForRole(role, isolated().options);
    expect(problems).toEqual([]);
    expect(skills.map((s) => s.manifest.name)).toEqual(names);
  });

  test('dependencies come first, then priority, and are pulled in when not assigned', async () => {
    const { options, dirs } = isolated();
    writeSkill(dirs.projectSkills, 'house-style', { role: 'system', priority: 10 });
    writeSkill(dirs.projectSkills, 'our-tests', { assignTo: ['worker'], priority: 90, dependencies: ['house-style'] });
    writeSkill(dirs.projectSkills, 'our-deploy', { assignTo: ['worker'], priority: 70 });
    const { skills, problems } = await getSkillsForRole('worker', options);
    expect(problems).toEqual([]);
    expect(skills.map((s) => s.manifest.name)).toEqual(['maestro-cli', 'our-deploy', 'maestro-worker', 'house-style', 'our-tests']);
  });

  test('a missing dependency and a cycle are problems naming the manifest field', async () => {
    const { options, dirs } = isolated();
    writeSkill(dirs.projectSkills, 'needs-ghost', { assignTo: ['worker'], dependencies: ['ghost'] });
    writeSkill(dirs.projectSkills, 'loop-a', { dependencies: ['loop-b'] });
    writeSkill(dirs.projectSkills, 'loop-b', { dependencies: ['loop-a'] });
    const all = (await listSkills(options)).skills;
    const ghost = orderSkills(['needs-ghost'], all);
    expect(ghost.skills.map((s) => s.manifest.name)).toEqual(['needs-ghost']);
    expect(ghost.problems).toEqual([
      {
        skill: 'needs-ghost',
        source: 'project',
        file: join(dirs.projectSkills, 'needs-ghost', 'manifest.json'),
        field: 'dependencies',
        message: 'skill "ghost" not found',
      },
    ]);
    const loop = orderSkills(['loop-a'], all);
    expect(loop.skills).toHaveLength(2);
    expect(loop.problems.map((p) => [p.skill, p.message])).toEqual([
      ['loop-a', 'dependency cycle'],
      ['loop-b', 'dependency cycle'],
    ]);
  });

  test('a session with its own skill gets the CLI reference plus that skill instead of the role default', async () => {
    const { options, dirs } = isolated();
    writeSkill(dirs.projectSkills, 'reviewer', { dependencies: ['maestro-cli'] });
    const { skills } = await getSkillsForSession('worker', 'reviewer', options);
    expect(skills.map((s) => s.manifest.name)).toEqual(['maestro-cli', 'reviewer']);
    await expect(getSkillsForSession('worker', 'nope', options)).rejects.toBeInstanceOf(SkillNotFoundError);
  });

  test('validateSkillsDir checks one directory on its own', async () => {
    const { dirs } = isolated();
    writeSkill(dirs.projectSkills, 'good');
    writeFileSync(join(writeSkill(dirs.projectSkills, 'bad'), 'manifest.json'), '{"name":"bad"}');
    const { skills, problems } = await validateSkillsDir(dirs.projectSkills);
    expect(skills.map((s) => s.manifest.name)).toEqual(['good']);
    expect(problems.map((p) => p.field)).toEqual(['version', 'description', 'role']);
  });
});
