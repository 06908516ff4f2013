import { sessionInputInput, session } from '@maestro/schemas/session';
import { defineCommand } from 'citty';
import { z } from 'zod';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';

export default defineCommand({
  meta: meta(
    'send',
    "Type a line into a session's terminal (then Enter): answers a session that needs input",
    ['maestro session send ses_0123456789 "Use Postgres"', 'maestro session send ses_0123456789 "y" --no-enter'],
    { data: z.object({ delivered: z.boolean(), session }) },
  ),
  args: {
    ...globalArgs,
    id: { type: 'positional', required: true, valueHint: 'session-id', description: 'The session to type into' },
    text: { type: 'positional', required: true, valueHint: 'text', description: 'What to type' },
    enter: { type: 'boolean', default: true, description: 'Press Enter after the text', negativeDescription: 'Type the text without pressing Enter' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(sessionInputInput, { id: args.id, data: args.enter ? `${args.text}\r` : args.text }, { id: '<session-id>', data: '<text>' });
    const trpc = rt.trpc();
    const result = await rt.out.spin('Sending', trpc.session.sendInput.mutate(input));
    const session = await trpc.session.get.query({ id: input.id });
    rt.out.success({ ...result, session }, () => `Typed into ${input.id}${args.enter ? ' (with Enter)' : ''}.`);
  },
});
