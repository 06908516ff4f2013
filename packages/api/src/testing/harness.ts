import { createTestDb } from '@maestro/db/testing';
import { createMemoryCommandBus, createPostgresCommandBus } from '../bus/commands.js';
import { createMemoryBus } from '../bus/memory.js';
import { createOutputFeed, type OutputFeed } from '../bus/output-feed.js';
import { createPostgresBus } from '../bus/postgres.js';
import type { EventBus } from '../bus/types.js';
import type { Auth } from '../auth.js';
import { createContextInner, type ApiConfig } from '../context.js';
import { createCaller } from '../router.js';

/**
 * A real migrated database (PGlite, or a throwaway database on DATABASE_URL)
 * with the matching bus, and callers on it. One per test file: PGlite takes
 * seconds to start.
 */
export async function createHarness(opts: { config?: ApiConfig; output?: OutputFeed } = {}) {
  const handle = await createTestDb();
  const bus: EventBus = handle.sql ? await createPostgresBus(handle.db, handle.sql) : await createMemoryBus(handle.db);
  const commands = handle.sql ? await createPostgresCommandBus(handle.sql) : createMemoryCommandBus();
  const output = opts.output ?? createOutputFeed();
  const contextFor = (auth: Auth | null = { kind: 'admin' }) =>
    createContextInner({ db: handle.db, bus, commands, output, auth, ...(opts.config ? { config: opts.config } : {}) });
  const callerFor = (auth: Auth | null = { kind: 'admin' }) => createCaller(contextFor(auth));
  return {
    db: handle.db,
    kind: handle.kind,
    url: handle.url,
    bus,
    commands,
    output,
    contextFor,
    caller: callerFor(),
    callerFor,
    close: async () => {
      await commands.close();
      await bus.close();
      await handle.close();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof createHarness>>;
