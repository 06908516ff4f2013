import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findBuiltinSkillsDir } from './options.js';
import { generatedSection, renderCommandReference, replaceGeneratedSection } from './reference.js';

const CLI_SKILL = join(findBuiltinSkillsDir()!, 'maestro-cli', 'skill.md');

describe('generated command section', () => {
  test('the CLI skill has the markers, and rewriting it with its own section changes nothing', () => {
    const text = readFileSync(CLI_SKILL, 'utf8');
    const section = generatedSection(text);
    expect(section).toMatch(/^- `maestro status`/);
    expect(replaceGeneratedSection(text, section)).toBe(text);
  });

  test('renders commands one per line and replaces only the marked section', () => {
    const md = 'intro\n<!-- BEGIN GENERATED COMMANDS -->\nold\n<!-- END GENERATED COMMANDS -->\noutro\n';
    const section = renderCommandReference([{ usage: 'status', summary: 'counts' }, { usage: 'task get [id]' }]);
    expect(replaceGeneratedSection(md, section)).toBe(
      'intro\n<!-- BEGIN GENERATED COMMANDS -->\n- `maestro status` — counts\n- `maestro task get [id]`\n<!-- END GENERATED COMMANDS -->\noutro\n',
    );
    expect(() => generatedSection('no markers')).toThrow(/BEGIN GENERATED COMMANDS/);
  });
});
