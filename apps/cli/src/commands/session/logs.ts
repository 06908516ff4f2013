import { sessionIdInput } from '@maestro/schemas/session';
import { defineCommand } from 'citty';
import { globalArgs, meta } from '../../args.js';
import { useRuntime } from '../../runtime.js';
import { sessionLogsData, outputChunkLine } from '../../schemas/cli.js';
import { validate } from '../../validate.js';
import { sessionIdArg, sessionIdOf } from './id.js';

export default defineCommand({
  meta: meta(
    'logs',
    "A session's full terminal output from the start; --follow keeps streaming until it ends",
    ['maestro session logs ses_0123456789', 'maestro session logs ses_0123456789 --follow', 'maestro session logs ses_0123456789 --json'],
    { agent: true, data: sessionLogsData, lines: { schema: outputChunkLine, flag: '--follow' } },
  ),
  args: { ...globalArgs, id: sessionIdArg, follow: { type: 'boolean', alias: 'f', description: 'Stream new output live until the session ends' } },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const { id } = validate(sessionIdInput, { id: sessionIdOf(rt, args.id) }, { id: '<session-id>' });
    const trpc = rt.trpc();
    // Reading a session's output is looking at it: an ended one leaves the inbox (best effort, never fails the read).
    await trpc.session.markSeen.mutate({ id }).catch(() => undefined);
    if (args.follow) {
      const live = rt.subscriber(() => {});
      await new Promise<void>((resolve, reject) => {
        const sub = live.session.onOutput.subscribe(
          { id, afterSeq: -1 },
          {
            onData: ({ data }) => {
              if (rt.out.json) rt.out.line(data, '');
              else process.stdout.write(Buffer.from(data.data, 'base64'));
            },
            onComplete: () => resolve(),
            onError: (error) => reject(error),
          },
        );
        process.once('SIGINT', () => {
          sub.unsubscribe();
          resolve();
        });
      });
      return;
    }
    const parts: Buffer[] = [];
    let after = -1;
    let ended = false;
    for (;;) {
      const page = await trpc.session.output.query({ id, afterSeq: after, limit: 1000 });
      ended = page.ended;
      for (const chunk of page.chunks) {
        parts.push(Buffer.from(chunk.data, 'base64'));
        after = chunk.seq;
      }
      // A page is cut by bytes as well as by count: only an empty page, or one reaching what is stored, is the end.
      if (page.chunks.length === 0 || after >= (page.lastSeq ?? -1)) break;
    }
    const output = Buffer.concat(parts);
    if (rt.out.json) rt.out.success({ sessionId: id, ended, bytes: output.length, lastSeq: after, output: output.toString('utf8') }, () => '');
    else process.stdout.write(output);
  },
});
