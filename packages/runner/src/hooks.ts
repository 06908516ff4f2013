import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Agent, HookTool } from '@maestro/schemas';

/**
 * Each agent tool's own hooks, pointed at `maestro session hook <tool>`, so
 * the tool's events become attention signals without the model's help. They
 * are written to the session's own directory and passed by flag or
 * environment, so the user's own settings files are never touched:
 *
 * - Claude Code: `--settings <file>` adds a settings layer with `hooks`
 *   (merged with the user's own hooks).
 * - Codex: `-c notify=[…]` overrides the `notify` program for this run only;
 *   Codex calls it with the event as one JSON argument (checked with Codex
 *   CLI 0.171: it starts with this override and refuses a malformed one).
 * - Gemini CLI: GEMINI_CLI_SYSTEM_DEFAULTS_PATH names a system-defaults file,
 *   the lowest settings layer; hook lists concatenate across layers, so the
 *   user's own hooks still run (a machine's own system-defaults file is
 *   replaced for this session only). Gemini skips the file when a directory
 *   above it is writable by others (checked with Gemini CLI: it accepts this
 *   file and reports a malformed one), which the runner's private directory is
 *   not, unless it is placed under one such as /tmp.
 */
export interface HookSetup {
  /** Flags to put before the agent's prompt argument. */
  args: string[];
  env: Record<string, string>;
}

/** The command a hook runs; `maestro` resolves on the agent's PATH (the runner's shim). */
export const hookCommand = (tool: HookTool) => `maestro session hook ${tool}`;

const command = (tool: HookTool, timeout: number) => ({ type: 'command', command: hookCommand(tool), timeout });

/** Claude Code settings: hook timeouts are in seconds. */
export function claudeSettings(): { hooks: Record<string, { matcher?: string; hooks: object[] }[]> } {
  const on = (matcher?: string) => [{ ...(matcher === undefined ? {} : { matcher }), hooks: [command('claude', 10)] }];
  return {
    hooks: {
      Notification: on(''),
      PermissionRequest: on('*'),
      UserPromptSubmit: on(),
      PreToolUse: on('*'),
      PostToolUse: on('*'),
      Stop: on(),
    },
  };
}

/** Gemini CLI settings: hook timeouts are in milliseconds. */
export function geminiSettings(): { hooksConfig: { enabled: boolean }; hooks: Record<string, { matcher?: string; hooks: object[] }[]> } {
  const on = (matcher?: string) => [{ ...(matcher === undefined ? {} : { matcher }), hooks: [{ name: 'maestro-attention', ...command('gemini', 10_000) }] }];
  return {
    hooksConfig: { enabled: true },
    hooks: { BeforeAgent: on(), BeforeTool: on('.*'), AfterTool: on('.*'), Notification: on(), AfterAgent: on() },
  };
}

/** Codex's `notify` as a TOML value for `-c notify=…`: an array of strings (TOML basic strings read JSON escapes). */
export function codexNotify(): string {
  return `notify=${JSON.stringify(['maestro', 'session', 'hook', 'codex'])}`;
}

/** Writes what the agent's tool needs into `dir` (the session's own directory) and returns how to pass it. */
export function installHooks(agent: Agent, dir: string): HookSetup {
  switch (agent) {
    case 'claude': {
      const file = join(dir, 'claude-settings.json');
      writeFileSync(file, `${JSON.stringify(claudeSettings(), null, 2)}\n`, { mode: 0o600 });
      return { args: ['--settings', file], env: {} };
    }
    case 'gemini': {
      const file = join(dir, 'gemini-system-defaults.json');
      writeFileSync(file, `${JSON.stringify(geminiSettings(), null, 2)}\n`, { mode: 0o600 });
      return { args: [], env: { GEMINI_CLI_SYSTEM_DEFAULTS_PATH: file } };
    }
    case 'codex':
      return { args: ['-c', codexNotify()], env: {} };
    case 'custom':
      return { args: [], env: {} };
  }
}
