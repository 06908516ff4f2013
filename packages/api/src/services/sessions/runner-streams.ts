import { taskIdsOf, toSession, unclaimedSpawns, type Queryable } from '@maestro/db';
import { runnerCommand, type RunnerCommand, type Session } from '@maestro/schemas';
import type { CommandBus } from '../../bus/commands.js';
import type { EventBus } from '../../bus/types.js';
import { subscribeThenRead } from '../../live-stream.js';

/**
 * Unclaimed spawn requests now, then each new one. Subscribed before the
 * backfill, so a request made while it runs is not missed (a runner may see one
 * twice; `runner.claim` gives it to one runner only).
 */
export function streamSpawnRequests(opts: { db: Queryable; bus: EventBus; signal: AbortSignal }): AsyncGenerator<Session> {
  let queued: Session[] = [];
  let backfilled = false;
  return subscribeThenRead({
    signal: opts.signal,
    subscribe: (notify) =>
      opts.bus.subscribe((event) => {
        if (event.type !== 'session:spawn_requested') return;
        queued.push(event.payload.session);
        notify();
      }),
    async *read() {
      if (!backfilled) {
        backfilled = true;
        const pending = await unclaimedSpawns(opts.db);
        const ids = await taskIdsOf(opts.db, { sessionIds: pending.map((p) => p.id) });
        for (const row of pending) yield toSession(row, ids.get(row.id) ?? []);
      }
      const batch = queued;
      queued = [];
      yield* batch;
    },
  });
}

/** Keystrokes, resizes and stops for one runner, as they are published. */
export function streamCommands(opts: { commands: CommandBus; runnerId: string; signal: AbortSignal }): AsyncGenerator<RunnerCommand> {
  let queued: RunnerCommand[] = [];
  return subscribeThenRead({
    signal: opts.signal,
    subscribe: (notify) =>
      opts.commands.subscribe(opts.runnerId, (command) => {
        queued.push(command);
        notify();
      }),
    async *read() {
      const batch = queued;
      queued = [];
      for (const command of batch) yield runnerCommand.parse(command);
    },
  });
}
