import { eventId } from '@maestro/schemas/ids';
import { onEventInput, maestroEvent } from '@maestro/schemas/events';
import { defineCommand } from 'citty';
import { z } from 'zod';
import { globalArgs, meta } from '../args.js';
import { eventLine, type WireEvent } from '../event-text.js';
import { createOutputSummary } from '../output-summary.js';
import { onParentExit } from '../parent-watch.js';
import { useRuntime, type Runtime } from '../runtime.js';
import { toInt, validate } from '../validate.js';

type Filter = z.output<typeof onEventInput>;

/**
 * Fails fast (exit 2/3/4) on a wrong id, an unreachable server or a refused
 * token, before streaming starts. Returns where the event log ends now, so the
 * stream starts from a fixed point: a connection dropped before the first
 * event still resumes without a gap.
 */
async function preflight(rt: Runtime, filter: Filter): Promise<number> {
  const trpc = rt.trpc();
  if (filter.taskId) await trpc.task.get.query({ id: filter.taskId });
  else if (filter.projectId) await trpc.project.get.query({ id: filter.projectId });
  else await trpc.project.list.query();
  return (await trpc.events.head.query(filter.projectId ? { projectId: filter.projectId } : {})).lastEventId;
}

/**
 * Streams events until interrupted (or `count` arrive). The WebSocket client
 * reconnects with backoff and resumes after the last event id it received;
 * ids at or below the last printed one are skipped, so a reconnect can
 * neither lose nor repeat an event.
 */
function stream(rt: Runtime, filter: Filter, opts: { count: number | undefined; output: boolean }): Promise<void> {
  const { count } = opts;
  let last = filter.lastEventId ? Number(filter.lastEventId) : -1;
  let printed = 0;
  let lost = false;
  let stopping = false;
  let bannerShown = false;
  const outputs = createOutputSummary((_id, text) => rt.out.line(null, rt.out.paint('dim', text)));
  const trpc = rt.subscriber((state) => {
    // Closing the client on the way out is not a lost connection.
    if (stopping) return;
    if (state === 'reconnecting' && !lost) {
      lost = true;
      rt.out.info(`watch: connection to ${rt.settings().apiUrl} lost; reconnecting…`);
    } else if (state === 'connected' && lost) {
      lost = false;
      rt.out.info(`watch: reconnected; resuming after event ${last < 0 ? '(none yet)' : `#${last}`}`);
    }
  });
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      stopping = true;
      outputs.flushAll();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      parentWatch();
      subscription.unsubscribe();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onSignal = () => finish();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const parentWatch = rt.env.underNpm ? onParentExit(onSignal) : () => {};
    const subscription = trpc.events.onEvent.subscribe(filter, {
      // Said once: onStarted fires again on every reconnect.
      onStarted: () => {
        if (rt.out.json || bannerShown) return;
        bannerShown = true;
        rt.out.info(rt.out.paint('dim', `watching for events (Ctrl-C to stop)${opts.output ? '' : '; terminal output hidden (--output sums it up)'}`));
      },
      onData: ({ data }: { data: WireEvent }) => {
        if (data.id <= last) return;
        last = data.id;
        if (!rt.out.json && data.type === 'session:output') {
          // A person gets output summed up (or not at all); --json keeps every event.
          if (opts.output) outputs.add(data.payload.sessionId, data.payload.bytes);
          return;
        }
        if (!rt.out.json && data.sessionId) outputs.flush(data.sessionId);
        rt.out.line(data, eventLine(data, rt.out.paint));
        if (count !== undefined && ++printed >= count) finish();
      },
      onError: (error) => finish(error),
    });
  });
}

export default defineCommand({
  meta: meta(
    'watch',
    'Live events, one short line per change (terminal output hidden unless --output; every event as one JSON line with --json); survives server restarts, resuming after the last event seen',
    ['maestro watch', 'maestro watch --task tsk_0123456789', 'maestro watch --json --since 1200 | jq .type', 'maestro watch --count 1 --json'],
    { agent: true, lines: { schema: maestroEvent } },
  ),
  args: {
    ...globalArgs,
    task: { type: 'string', valueHint: 'task-id', description: 'Only events of this task' },
    since: { type: 'string', valueHint: 'event-id', description: 'First replay every event after this id, then stream live ones' },
    count: { type: 'string', valueHint: 'n', description: 'Exit after n events (shown ones, without --json)' },
    output: { type: 'boolean', description: 'Without --json: sum up terminal output per session (at most a line every 2 s each); hidden otherwise' },
  },
  async run({ args, data }) {
    const rt = useRuntime(data);
    const settings = rt.settings();
    const filter = validate(
      onEventInput.extend({ lastEventId: eventId.optional() }),
      // A task's events are found by the task alone, whatever project is selected.
      { projectId: args.task ? undefined : (settings.project ?? undefined), taskId: args.task, lastEventId: toInt(args.since) },
      { projectId: '--project', taskId: '--task', lastEventId: '--since' },
    );
    const count = validate(z.object({ count: z.number().int().min(1).optional() }), { count: toInt(args.count) }).count;
    const head = await preflight(rt, { ...filter, lastEventId: undefined });
    await stream(rt, { ...filter, lastEventId: String(filter.lastEventId ?? head) }, { count, output: args.output === true });
  },
});
