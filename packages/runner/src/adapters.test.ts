import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commandFor, missingWorkingDirError } from './adapters.js';
import { installHooks } from './hooks.js';

const base = { command: null, prompt: 'PROMPT', promptFile: '/tmp/p.md', shell: '/bin/bash' };

describe('agent command lines with their hooks', () => {
  test('each tool gets its hook flags before its prompt; a custom command gets none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adapters-'));
    const line = (agent: 'claude' | 'codex' | 'gemini') => commandFor({ ...base, agent, hookArgs: installHooks(agent, dir).args });
    expect(line('claude')).toMatchObject({
      file: 'claude',
      args: ['--settings', join(dir, 'claude-settings.json'), '--append-system-prompt', 'PROMPT', expect.any(String)],
    });
    expect(line('codex')).toMatchObject({ file: 'codex', args: ['-c', 'notify=["maestro","session","hook","codex"]', 'PROMPT'] });
    // Gemini's hooks come through its environment (GEMINI_CLI_SYSTEM_DEFAULTS_PATH), not a flag.
    expect(line('gemini')).toMatchObject({ file: 'gemini', args: ['--prompt-interactive', 'PROMPT'] });
    expect(installHooks('custom', dir)).toEqual({ args: [], env: {} });
    expect(commandFor({ ...base, agent: 'custom', command: 'echo hi' }).args).toEqual(['-c', 'echo hi']);
  });
});

describe('missingWorkingDirError', () => {
  test('is null for a directory, and names the path and what to do when it is missing or a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-workdir-'));
    expect(missingWorkingDirError(dir)).toBeNull();
    const gone = join(dir, 'not-there');
    expect(missingWorkingDirError(gone)).toBe(
      `The project's working directory ${gone} does not exist on this runner's machine. Create it (mkdir -p ${gone}) and spawn again.`,
    );
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(missingWorkingDirError(file)).toMatch(/is not a directory/);
  });
});
