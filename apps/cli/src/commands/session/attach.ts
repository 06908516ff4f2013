import { sessionIdInput } from '@maestro/schemas/session';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { CliError } from '../../errors.js';
import { useRuntime } from '../../runtime.js';
import { validate } from '../../validate.js';
import { sessionIdArg, sessionIdOf } from './id.js';

/** Ctrl-] detaches, as in telnet: agents rarely need it, unlike Ctrl-C or Ctrl-D. */
const DETACH = 0x1d;

export default defineCommand({
  meta: meta('attach', "Make your terminal the session's: see its output, type into it; Ctrl-] detaches (the agent keeps running)", [
    'maestro session attach ses_0123456789',
  ]),
  args: { ...globalArgs, id: sessionIdArg },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const { id } = validate(sessionIdInput, { id: sessionIdOf(rt, args.id) }, { id: '<session-id>' });
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new CliError('VALIDATION', 'attach needs an interactive terminal', {
        hint: `Use \`maestro session logs ${id} --follow\` to read output without one.`,
      });
    }
    const trpc = rt.trpc();
    const session = await trpc.session.get.query({ id });
    if (session.status !== 'active') {
      throw new CliError('INVALID_TRANSITION', `Session ${id} is ${session.status}: nothing to attach to`, {
        hint: `Read what it wrote: maestro session logs ${id}`,
      });
    }
    await trpc.session.markSeen.mutate({ id }).catch(() => undefined);
    const live = rt.subscriber(() => {});
    const resize = () => void trpc.session.resize.mutate({ id, cols: process.stdout.columns, rows: process.stdout.rows }).catch(() => {});
    process.stderr.write(`Attached to ${id}. Ctrl-] detaches.\r\n`);
    process.stdin.setRawMode(true);
    process.stdin.resume();
    resize();
    process.stdout.on('resize', resize);
    let detached = false;
    await new Promise<void>((resolve, reject) => {
      const sub = live.session.onOutput.subscribe(
        { id, afterSeq: -1 },
        { onData: ({ data }) => process.stdout.write(Buffer.from(data.data, 'base64')), onComplete: () => resolve(), onError: reject },
      );
      process.stdin.on('data', (bytes: Buffer) => {
        if (bytes.includes(DETACH)) {
          detached = true;
          sub.unsubscribe();
          resolve();
          return;
        }
        void trpc.session.sendInput.mutate({ id, data: bytes.toString('utf8') }).catch(() => {});
      });
    }).finally(() => {
      process.stdin.setRawMode(false);
      process.stdin.pause();
      process.stdout.off('resize', resize);
    });
    process.stderr.write(detached ? `\r\nDetached from ${id}; it keeps running.\r\n` : `\r\nSession ${id} ended.\r\n`);
  },
});
