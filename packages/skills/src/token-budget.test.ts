import type { Role, TaskDetail } from '@maestro/schemas';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { describe, expect, test } from 'vitest';
import { findBuiltinSkillsDir } from './options.js';
import { composePrompt } from './prompt.js';
import { featureTask, project, session, typicalTask } from './testing/fixtures.js';

const options = { homeDir: '/nonexistent', builtinDir: findBuiltinSkillsDir()! };

/**
 * The whole first prompt (skills for the role + a typical task + reporting) must
 * stay within budget under two real BPE vocabularies; counts are printed so a
 * change that grows a skill shows its cost.
 */
describe('token budget of a spawned agent’s full context', () => {
  test.each([
    ['worker', typicalTask(), 2_000],
    ['orchestrator', featureTask(), 3_000],
  ] as [Role, TaskDetail, number][])('%s', async (role, task, budget) => {
    const { text, skills } = await composePrompt({ role, project, tasks: [task], session: session(role) }, options);
    const counts = { o200k_base: o200k(text), cl100k_base: cl100k(text) };
    const perSkill = skills.map((s) => `${s.manifest.name} ${o200k(s.body)}`).join(', ');
    process.stdout.write(`[token budget] ${role}: ${counts.o200k_base} (o200k_base), ${counts.cl100k_base} (cl100k_base) of ${budget}; skills: ${perSkill}\n`);
    expect(counts.o200k_base).toBeLessThanOrEqual(budget);
    expect(counts.cl100k_base).toBeLessThanOrEqual(budget);
  });
});
