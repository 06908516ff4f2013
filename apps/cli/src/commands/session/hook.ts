import type { HookTool } from '@maestro/schemas';
import { HOOK_TOOLS, hookSignal } from '@maestro/schemas/agent-hooks';
import { sessionAttentionInput } from '@maestro/schemas/attention';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';

/** A hook runs inside the agent tool's loop: it must finish fast whatever the server does. */
const TIMEOUT_MS = 3_000;

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const done = () => resolve(Buffer.concat(parts).toString('utf8'));
    setTimeout(done, TIMEOUT_MS).unref();
    process.stdin.on('data', (b: Buffer) => parts.push(b));
    process.stdin.on('end', done);
    process.stdin.on('error', done);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export default defineCommand({
  meta: meta(
    'hook',
    "Run by an agent tool's own hooks (installed by the runner at spawn): turns the tool's event (JSON on stdin, or Codex's notify argument) into the session's attention. Always exits 0 and prints nothing the tool would read",
    ['echo \'{"hook_event_name":"Stop"}\' | maestro session hook claude'],
  ),
  args: {
    ...globalArgs,
    tool: { type: 'positional', required: true, valueHint: HOOK_TOOLS.join('|'), description: 'Which tool calls: claude, codex or gemini' },
    payload: { type: 'positional', required: false, valueHint: 'json', description: "The event as an argument (Codex's notify); otherwise read from stdin" },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    try {
      const tool = args.tool as HookTool;
      if (!(HOOK_TOOLS as readonly string[]).includes(tool)) throw new Error(`unknown tool ${args.tool}: ${HOOK_TOOLS.join(', ')}`);
      const payload = parse(args.payload ?? (await readStdin()));
      const signal = hookSignal(tool, payload);
      const id = rt.env.sessionId;
      if (signal && id) {
        const input = sessionAttentionInput.parse({ id, state: signal.state, source: 'hook', message: signal.message });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS)));
        await Promise.race([rt.trpc().session.attention.mutate(input), timeout]).finally(() => clearTimeout(timer));
      }
    } catch (error) {
      // A failed signal must never fail or block the agent's own tool: say why on stderr only when debugging.
      if (rt.env.debug) process.stderr.write(`maestro session hook: ${(error as Error).message}\n`);
    }
    // Gemini CLI parses a hook's stdout as JSON; Claude Code adds UserPromptSubmit stdout to the prompt, so it gets nothing.
    if (args.tool === 'gemini') process.stdout.write('{}\n');
  },
});
