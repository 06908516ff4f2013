import { sessionIdInput, session } from '@maestro/schemas/session';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { sessionIdArg, sessionIdOf } from './id.js';
import { sessionSummary } from './render.js';

export default defineCommand({
  meta: meta('get', 'Show a session: status, agent, tasks, directory, exit', ['maestro session get ses_0123456789 --json'], { agent: true, data: session }),
  args: { ...globalArgs, id: sessionIdArg },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(sessionIdInput, { id: sessionIdOf(rt, args.id) }, { id: '<session-id>' });
    const session = await rt.out.spin('Loading session', rt.trpc().session.get.query(input));
    rt.out.success(session, (s) => sessionSummary(s, rt.out.paint));
  },
});
