import { taskIdsOf, toSession, unclaimedSpawns, type Queryable } from '@maestro/db';
import { runnerCommand, type RunnerCommand, type Session } from '@maestro/schemas';
import type { CommandBus } from '../../bus/commands.js';
import type { EventBus } from '../../bus/types.js';
import { createInbox } from '../../inbox.js';

/**
 * Unclaimed spawn requests now, then each new one. Subscribed before the
 * backfill, so a request made while it runs is not missed (a runner may see one
 * twice; `runner.claim` gives it to one runner only).
 */
export async function* streamSpawnRequests(opts: { db: Queryable; bus: EventBus; signal: AbortSignal }): AsyncGenerator<Session> {
  const inbox = createInbox<Session>(opts.signal);
  const unsubscribe = opts.bus.subscribe((event) => {
    if (event.type === 'session:spawn_requested') inbox.push(event.payload.session);
  });
  try {
    const pending = await unclaimedSpawns(opts.db);
    const ids = await taskIdsOf(
      opts.db,
      pending.map((p) => p.id),
    );
    for (const row of pending) yield toSession(row, ids.get(row.id) ?? []);
    for (let next = await inbox.next(); next; next = await inbox.next()) yield next;
  } finally {
    unsubscribe();
  }
}

/** Keystrokes, resizes and stops for one runner, as they are published. */
export async function* streamCommands(opts: { commands: CommandBus; runnerId: string; signal: AbortSignal }): AsyncGenerator<RunnerCommand> {
  const inbox = createInbox<RunnerCommand>(opts.signal);
  const unsubscribe = opts.commands.subscribe(opts.runnerId, (command) => inbox.push(command));
  try {
    for (let next = await inbox.next(); next; next = await inbox.next()) yield runnerCommand.parse(next);
  } finally {
    unsubscribe();
  }
}
