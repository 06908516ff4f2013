import type { SignalState } from '@maestro/schemas';
import { sessionAttentionInput } from '@maestro/schemas/attention';
import { session } from '@maestro/schemas/session';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { attentionText } from '../../attention-text.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { sessionIdOf } from './id.js';

const sessionFlag = { type: 'string', valueHint: 'session-id', description: 'Session id (default: MAESTRO_SESSION_ID, your own session)' } as const;

/**
 * `session needs-input | working | idle`: the agent says what it needs from a
 * person. Inside a session the session comes from MAESTRO_SESSION_ID.
 */
export function signalCommand(state: SignalState, text: { description: string; examples: string[]; messageRequired: boolean; messageHelp: string }) {
  return defineCommand({
    meta: meta(state === 'needs_input' ? 'needs-input' : state, text.description, text.examples, { agent: true, data: session }),
    args: {
      ...globalArgs,
      message: { type: 'positional', required: text.messageRequired, valueHint: 'text', description: text.messageHelp },
      session: sessionFlag,
    },
    async run({ args, data }) {
      const rt = useRuntime(data);
      const input = validate(
        sessionAttentionInput,
        { id: sessionIdOf(rt, args.session), state, source: 'agent', message: args.message },
        { id: '--session', message: '<text>' },
      );
      const session = await rt.out.spin('Signalling', rt.trpc().session.attention.mutate(input));
      rt.out.success(session, (s) => `${s.id} ${attentionText(s.attention, rt.out.paint)}`);
    },
  });
}
