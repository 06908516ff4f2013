import type { Session } from '@maestro/schemas';
import { isEndedSessionStatus } from '@maestro/schemas/enums';
import { sessionStopInput, session } from '@maestro/schemas/session';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { CliError } from '../../errors.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { sessionIdArg, sessionIdOf } from './id.js';
import { sessionSummary } from './render.js';

/** SIGTERM, 5 s, SIGKILL, then the runner's report: this is plenty. */
const WAIT_MS = 30_000;

async function untilEnded(get: () => Promise<Session>): Promise<Session> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const session = await get();
    if (isEndedSessionStatus(session.status)) return session;
    if (Date.now() > deadline) {
      throw new CliError('UNAVAILABLE', `Session ${session.id} has not ended ${WAIT_MS / 1000} s after the stop request`, {
        hint: 'Its runner may be away: the session is marked lost once the runner misses its lease. Check with maestro status.',
        details: { session },
      });
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export default defineCommand({
  meta: meta(
    'stop',
    'Stop a session: SIGTERM, then SIGKILL after 5 s; prints it `stopping`, or with --wait once it has ended `stopped`',
    ['maestro session stop ses_0123456789', 'maestro session stop ses_0123456789 --wait --json'],
    { agent: true, data: session },
  ),
  args: { ...globalArgs, id: sessionIdArg, wait: { type: 'boolean', description: 'Wait until it has ended and print it then' } },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const input = validate(sessionStopInput, { id: sessionIdOf(rt, args.id) }, { id: '<session-id>' });
    const trpc = rt.trpc();
    let session = await rt.out.spin('Stopping session', trpc.session.stop.mutate(input));
    if (args.wait)
      session = await rt.out.spin(
        'Waiting for it to end',
        untilEnded(() => trpc.session.get.query({ id: session.id })),
      );
    rt.out.success(session, (s) => sessionSummary(s, rt.out.paint));
  },
});
