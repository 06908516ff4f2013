import { createTestDb } from '@maestro/db/testing';
import { createMemoryBus } from '../bus/memory.js';
import { createPostgresBus } from '../bus/postgres.js';
import type { EventBus } from '../bus/types.js';
import { createContextInner, type Auth } from '../context.js';
import { createCaller } from '../router.js';

/**
 * A real migrated database (PGlite, or a throwaway database on DATABASE_URL)
 * with the matching bus, and callers on it. One per test file: PGlite takes
 * seconds to start.
 */
export async function createHarness() {
  const handle = await createTestDb();
  const bus: EventBus = handle.sql ? await createPostgresBus(handle.db, handle.sql) : await createMemoryBus(handle.db);
  const callerFor = (auth: Auth | null = { kind: 'admin' }) => createCaller(createContextInner({ db: handle.db, bus, auth }));
  return {
    db: handle.db,
    kind: handle.kind,
    url: handle.url,
    bus,
    caller: callerFor(),
    callerFor,
    close: async () => {
      await bus.close();
      await handle.close();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof createHarness>>;
