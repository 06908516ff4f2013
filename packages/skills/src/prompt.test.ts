import { taskDetail } from '@maestro/schemas';
import { describe, expect, test } from 'vitest';
import { formatSkillsForPrompt } from './format.js';
import { loadSkill } from './loader.js';
import { findBuiltinSkillsDir } from './options.js';
import { composePrompt } from './prompt.js';
import { featureTask, project, session, tempDirs, typicalTask, writeSkill } from './testing/fixtures.js';

function options() {
  const dirs = tempDirs();
  return { dirs, options: { projectDir: dirs.projectDir, homeDir: dirs.homeDir, builtinDir: findBuiltinSkillsDir()! } };
}

describe('composePrompt', () => {
  test('fixtures are valid task details', () => {
    expect(() => taskDetail.parse(typicalTask())).not.toThrow();
    expect(() => taskDetail.parse(featureTask())).not.toThrow();
  });

  test('a worker prompt: CLI and worker skills, then the task with subtasks, dependencies and notes, then how to report', async () => {
    const task = typicalTask();
    const { text, skills, problems } = await composePrompt({ role: 'worker', project, tasks: [task], session: session('worker') }, options().options);
    expect(problems).toEqual([]);
    expect(skills.map((s) => s.manifest.name)).toEqual(['maestro-cli', 'maestro-worker']);
    const order = ['# Maestro CLI', '# Maestro worker', '# Your assignment', `## Task \`${task.id}\``, '## Reporting back'].map((h) => text.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('maestro-orchestrator');
    expect(text).not.toContain('<!--');
    expect(text).toContain('You are session `ses_0a1b2c3d4e` ("worker-1"), role worker, in project "shop" (`prj_0a1b2c3d4e`), working directory `/srv/shop`.');
    expect(text).toContain('> Customers can enter one coupon code at checkout.');
    task.subtasks.forEach((s, i) => expect(text).toContain(`${i + 1}. \`${s.id}\` ${s.title} (todo)`));
    expect(text).toContain('   Percentage rounds half up to the cent; never below zero.');
    expect(text).toContain('Waits for (must be completed first):\n- `tsk_4cartapi1x` Cart totals API (completed)');
    expect(text).toContain('Waiting on this:\n- `tsk_9promo001x` Promotions admin page (todo)');
    for (const line of [
      `maestro task start ${task.id} --json`,
      'maestro subtask complete <subtaskId> --json',
      `maestro task block ${task.id} --reason "<what you need>" --json`,
      `maestro task complete ${task.id} --json`,
    ]) {
      expect(text).toContain(line);
    }
  });

  test('an orchestrator prompt: orchestrator skill and planning, spawning and completing instructions', async () => {
    const task = featureTask();
    const { text, skills } = await composePrompt({ role: 'orchestrator', project, tasks: [task], session: session('orchestrator') }, options().options);
    expect(skills.map((s) => s.manifest.name)).toEqual(['maestro-cli', 'maestro-orchestrator']);
    expect(text).toContain('# Maestro orchestrator');
    expect(text).not.toContain('# Maestro worker');
    expect(text).toContain(`maestro subtask create ${task.id} "<title>"`);
    expect(text).toContain('maestro session spawn --task <subtaskId> --skill maestro-worker --json');
    expect(text).toContain(`maestro task complete ${task.id} --json`);
    expect(text).not.toContain('Subtasks, in order');
  });

  test('several tasks are listed in order and reporting uses a placeholder id', async () => {
    const { text } = await composePrompt({ role: 'worker', project, tasks: [typicalTask(), featureTask()] }, options().options);
    expect(text).toContain('You are a worker, in project "shop"');
    expect(text).toContain('Your tasks, in order: `tsk_7hq2m9x0ca`, `tsk_2loyalty0p`.');
    expect(text.indexOf('## Task `tsk_7hq2m9x0ca`')).toBeLessThan(text.indexOf('## Task `tsk_2loyalty0p`'));
    expect(text).toContain('maestro task complete <id> --json');
  });

  test("the project's working directory is the project layer, and a session's own skill replaces the role's", async () => {
    const { dirs, options: opts } = options();
    writeSkill(dirs.projectSkills, 'maestro-worker', { assignTo: ['worker'], dependencies: ['maestro-cli'] }, '# Our worker\n\nUse pnpm.');
    writeSkill(dirs.projectSkills, 'migrator', { dependencies: ['maestro-cli'] }, '# Migrator\n\nOnly write migrations.');
    const { projectDir: _, ...rest } = opts;
    const here = { ...project, workingDir: dirs.projectDir };
    const own = await composePrompt({ role: 'worker', project: here, tasks: [typicalTask()], session: session('worker') }, rest);
    expect(own.text).toContain('# Our worker\n\nUse pnpm.');
    const named = await composePrompt({ role: 'worker', project: here, tasks: [typicalTask()], session: session('worker', 'migrator') }, rest);
    expect(named.skills.map((s) => s.manifest.name)).toEqual(['maestro-cli', 'migrator']);
    expect(named.text).not.toContain('Our worker');
  });

  test('a task without notes says so, and no task points to status', async () => {
    const bare = { ...typicalTask(), description: '', subtasks: [], dependencies: [], dependents: [] };
    const { text } = await composePrompt({ role: 'worker', project, tasks: [bare] }, options().options);
    expect(text).toContain('> (none given: if the goal is unclear, block and ask)');
    const none = await composePrompt({ role: 'orchestrator', project, tasks: [] }, options().options);
    expect(none.text).toContain('You have no task yet: run `maestro status --json`.');
  });
});

describe('formatSkillsForPrompt', () => {
  test('joins skill bodies in order without marker comments', async () => {
    const opts = options().options;
    const cli = await loadSkill('maestro-cli', opts);
    const worker = await loadSkill('maestro-worker', opts);
    const text = formatSkillsForPrompt([cli, worker]);
    expect(cli.body).toContain('<!-- BEGIN GENERATED COMMANDS -->');
    expect(text).not.toContain('GENERATED');
    expect(text.indexOf('# Maestro CLI')).toBe(0);
    expect(text.indexOf('# Maestro worker')).toBeGreaterThan(0);
  });
});
