import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { createDb, defaultMigrationsFolder } from './client.js';
import { insertEvents, listEvents, maxEventId, sequenceEvents } from './queries/events.js';
import { toSession } from './queries/mappers.js';
import { findSession } from './queries/sessions.js';
import { findTask } from './queries/tasks.js';

/**
 * Each upgrade opens two on-disk PGlite databases (WASM start, fsync per
 * commit): ~10 s on a quiet machine, over a minute on a loaded one. A guard
 * against a hang, not a speed check.
 */
const UPGRADE_TIMEOUT_MS = 240_000;

interface Journal {
  entries: { idx: number; tag: string }[];
}

const scratch = mkdtempSync(join(tmpdir(), 'maestro-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A migrations folder holding only the first `count` migrations, as an older release shipped it. */
function firstMigrations(count: number): string {
  const from = defaultMigrationsFolder();
  const dir = join(scratch, `first-${count}`);
  mkdirSync(join(dir, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(from, 'meta', '_journal.json'), 'utf8')) as Journal;
  const entries = journal.entries.slice(0, count);
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const { tag } of entries) copyFileSync(join(from, `${tag}.sql`), join(dir, `${tag}.sql`));
  return dir;
}

// Drizzle applies only migrations newer than the last one a database has seen:
// an upgrade, not a fresh database, is what proves a new migration is picked up.
test(
  'a database made by 0000_init upgrades in place: its tasks get worktree = false',
  async () => {
    const dataDir = join(scratch, 'pglite');
    const old = createDb({ dataDir, migrationsFolder: firstMigrations(1) });
    await old.migrate();
    await old.db.execute(sql`insert into projects (id, name, working_dir) values ('prj_0123456789', 'old', '/tmp')`);
    await old.db.execute(sql`insert into tasks (id, project_id, title) values ('tsk_0123456789', 'prj_0123456789', 'from before')`);
    await old.close();

    const current = createDb({ dataDir });
    try {
      await current.migrate();
      expect(await findTask(current.db, { id: 'tsk_0123456789' })).toMatchObject({ title: 'from before', worktree: false, version: 1 });
    } finally {
      await current.close();
    }
  },
  UPGRADE_TIMEOUT_MS,
);

test(
  'a database made by 0002 upgrades in place: its sessions get no size controller',
  async () => {
    const dataDir = join(scratch, 'pglite-0002');
    const old = createDb({ dataDir, migrationsFolder: firstMigrations(3) });
    await old.migrate();
    await old.db.execute(sql`insert into projects (id, name, working_dir) values ('prj_0123456789', 'old', '/tmp')`);
    await old.db.execute(
      sql`insert into sessions (id, project_id, name, spawned_by, cols, rows) values ('ses_0123456789', 'prj_0123456789', 'from before', 'user', 100, 30)`,
    );
    await old.close();

    const current = createDb({ dataDir });
    try {
      await current.migrate();
      const row = await findSession(current.db, { id: 'ses_0123456789' });
      expect(toSession(row!, [])).toMatchObject({ name: 'from before', cols: 100, rows: 30, sizeController: null });
    } finally {
      await current.close();
    }
  },
  UPGRADE_TIMEOUT_MS,
);

test(
  'a database made by 0005 upgrades in place: old event ids become positions, so a cursor taken before resumes exactly',
  async () => {
    const dataDir = join(scratch, 'pglite-0005');
    const old = createDb({ dataDir, migrationsFolder: firstMigrations(6) });
    await old.migrate();
    const insert = (name: string) =>
      old.db.execute(
        sql`insert into events (project_id, type, actor, payload) values ('prj_0123456789', 'project:deleted', 'user', ${JSON.stringify({ projectId: 'prj_0123456789', name })}::jsonb)`,
      );
    for (const name of ['one', 'two', 'three']) await insert(name);
    // A rolled-back insert leaves a hole in the ids, as a real log has.
    await old.db
      .transaction(async (tx) => {
        await tx.execute(sql`select nextval('events_id_seq')`);
        tx.rollback();
      })
      .catch(() => {});
    await insert('four');
    await old.close();

    const current = createDb({ dataDir });
    try {
      await current.migrate();
      const all = await listEvents(current.db, { filter: {}, limit: 10 });
      const cursor = all[1]!.id;
      const names = (events: { payload: unknown }[]) => events.map((e) => (e.payload as { name: string }).name);
      expect(names(await listEvents(current.db, { filter: {}, afterId: cursor, limit: 10 }))).toEqual(['three', 'four']);
      const oldHead = await maxEventId(current.db);
      expect(oldHead).toBe(all.at(-1)!.id);

      await insertEvents(current.db, {
        events: [
          {
            projectId: 'prj_0123456789',
            type: 'project:deleted',
            taskId: null,
            sessionId: null,
            actor: 'user',
            payload: { projectId: 'prj_0123456789', name: 'five' },
          },
        ],
      });
      expect(await sequenceEvents(current.db, { maxRows: 100 })).toBe(1);
      const after = await listEvents(current.db, { filter: {}, afterId: cursor, limit: 10 });
      expect(names(after)).toEqual(['three', 'four', 'five']);
      expect(after.at(-1)!.id).toBeGreaterThan(oldHead);
    } finally {
      await current.close();
    }
  },
  UPGRADE_TIMEOUT_MS,
);
