import { sequenceEvents, type Queryable } from '@maestro/db';

/** Rows numbered per statement; a bigger backlog takes several. */
const ROUND = 1000;

/**
 * Numbers committed events (see `maestro_sequence_events`). Calls coalesce:
 * one round runs at a time, and a call made while one runs waits for the next
 * round, because the running one may have read before the caller's commit.
 * A burst of commits from many writers therefore costs a few rounds, not one
 * each, and writers never wait for one another's commit.
 */
export function createSequencer(db: Queryable) {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  async function round(): Promise<void> {
    while ((await sequenceEvents(db, { maxRows: ROUND })) === ROUND);
  }

  function run(): Promise<void> {
    if (!running) {
      running = round().finally(() => {
        running = null;
      });
      return running;
    }
    next ??= running
      .catch(() => {})
      .then(() => {
        next = null;
        return run();
      });
    return next;
  }

  return { run };
}
export type Sequencer = ReturnType<typeof createSequencer>;
