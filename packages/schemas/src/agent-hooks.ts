import type { SignalState } from './enums.js';

/** Agent tools whose own hooks Maestro installs at spawn. */
export const HOOK_TOOLS = ['claude', 'codex', 'gemini'] as const;
export type HookTool = (typeof HOOK_TOOLS)[number];

export interface HookSignal {
  state: SignalState;
  message?: string;
}

type Payload = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 2000) : undefined);
const withMessage = (state: SignalState, message: string | undefined): HookSignal => (message ? { state, message } : { state });

/**
 * Claude Code (settings `hooks`, JSON on stdin): a permission request or a
 * permission notification asks a person; a prompt submitted or a tool used
 * means work; Stop means the turn is over. `idle_prompt` is Claude waiting for
 * the next prompt after a finished turn: idle, nothing asked.
 */
function claude(p: Payload): HookSignal | null {
  switch (p.hook_event_name) {
    case 'PermissionRequest':
      return withMessage('needs_input', `Permission to use ${str(p.tool_name) ?? 'a tool'}`);
    case 'Notification': {
      const type = str(p.notification_type);
      const message = str(p.message);
      if (type === 'permission_prompt' || type === 'elicitation_dialog') return withMessage('needs_input', message);
      if (type === 'idle_prompt') return withMessage('idle', message);
      // Versions before notification_type: the message says which it is.
      if (!type && message) return withMessage(/permission|approv/i.test(message) ? 'needs_input' : 'idle', message);
      return null;
    }
    case 'UserPromptSubmit':
    case 'PreToolUse':
    case 'PostToolUse':
      return { state: 'working' };
    case 'Stop':
      return { state: 'idle' };
    default:
      return null;
  }
}

/**
 * Codex's `notify` program gets one JSON argument. `agent-turn-complete` ends
 * a turn (idle, with the last thing it said); approval requests, where a
 * version sends them, ask a person.
 */
function codex(p: Payload): HookSignal | null {
  const type = str(p.type);
  if (type === 'agent-turn-complete') return withMessage('idle', str(p['last-assistant-message'])?.slice(0, 300));
  if (type && /approval|input-requested/.test(type)) return withMessage('needs_input', str(p.message) ?? type);
  return null;
}

/** Gemini CLI (settings `hooks`, JSON on stdin): BeforeAgent/BeforeTool/AfterTool work, a ToolPermission notification asks, AfterAgent ends the turn. */
function gemini(p: Payload): HookSignal | null {
  switch (p.hook_event_name) {
    case 'BeforeAgent':
    case 'BeforeTool':
    case 'AfterTool':
      return { state: 'working' };
    case 'Notification':
      return withMessage('needs_input', str(p.message));
    case 'AfterAgent':
      return { state: 'idle' };
    default:
      return null;
  }
}

/** What an agent tool's hook event means for the session's attention, or null when it means nothing. */
export function hookSignal(tool: HookTool, payload: unknown): HookSignal | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const p = payload as Payload;
  return tool === 'claude' ? claude(p) : tool === 'codex' ? codex(p) : gemini(p);
}
