import { sessionStopInput } from '@maestro/schemas';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { sessionIdArg, sessionIdOf } from './id.js';
import { sessionSummary } from './render.js';

export default defineCommand({
  meta: meta('stop', 'Stop a session: SIGTERM, then SIGKILL after 5 s (it ends `stopped`)', ['maestro session stop ses_0123456789']),
  args: { ...globalArgs, id: sessionIdArg },
  async run({ args }) {
    const rt = useRuntime();
    const input = validate(sessionStopInput, { id: sessionIdOf(rt, args.id) }, { id: '<session-id>' });
    const session = await rt.out.spin('Stopping session', rt.trpc().session.stop.mutate(input));
    rt.out.success(session, (s) => sessionSummary(s, rt.out.paint));
  },
});
