import { ID_PREFIXES, taskId } from '@maestro/schemas';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from './ids.js';
import { findTask, insertTask, listTasks, subtreeIds } from './queries/tasks.js';
import { insertProject } from './queries/projects.js';
import { dependencyPath, insertDependency } from './queries/dependencies.js';
import { hasUnsequencedEvents, insertEvents, listEvents, maxEventId, sequenceEvents } from './queries/events.js';
import { rowsOf } from './queries/rows.js';
import { createTestDb } from './testing.js';

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

describe('newId', () => {
  test('makes prefixed ids the schemas accept, without collisions', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('task')));
    expect(ids.size).toBe(10_000);
    for (const id of [...ids].slice(0, 100)) expect(taskId.safeParse(id).success).toBe(true);
    expect(newId('project').startsWith(`${ID_PREFIXES.project}_`)).toBe(true);
  });
});

describe(`queries on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  test('session output is stored without compression (migration 0002)', async () => {
    const rows = rowsOf<{ attstorage: string }>(
      await handle.db.execute(sql`select attstorage from pg_attribute where attrelid = 'session_output'::regclass and attname = 'data_base64'`),
    );
    expect(rows.map((r) => r.attstorage)).toEqual(['e']);
  });

  test('migrations ran: a project and a task tree round-trip', async () => {
    const db = handle.db;
    const project = await insertProject(db, { id: newId('project'), name: `p-${Date.now()}`, workingDir: '/tmp' });
    const root = await insertTask(db, { id: newId('task'), projectId: project.id, title: 'root' });
    const child = await insertTask(db, { id: newId('task'), projectId: project.id, parentId: root.id, title: 'child' });
    const grandchild = await insertTask(db, { id: newId('task'), projectId: project.id, parentId: child.id, title: 'grandchild' });
    expect((await findTask(db, { id: child.id }))?.parentId).toBe(root.id);
    expect(await subtreeIds(db, { rootId: root.id })).toEqual([grandchild.id, child.id, root.id]);
    const { rows, total } = await listTasks(db, { projectId: project.id, parentId: null, limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(rows[0]?.id).toBe(root.id);
  });

  test('dependencyPath finds the existing path that a new edge would close into a cycle', async () => {
    const db = handle.db;
    const project = await insertProject(db, { id: newId('project'), name: `q-${Date.now()}`, workingDir: '/tmp' });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((title) => insertTask(db, { id: newId('task'), projectId: project.id, title })));
    await insertDependency(db, { taskId: a!.id, dependsOnId: b!.id });
    await insertDependency(db, { taskId: b!.id, dependsOnId: c!.id });
    expect(await dependencyPath(db, { taskId: c!.id, dependsOnId: a!.id })).toEqual([a!.id, b!.id, c!.id]);
    expect(await dependencyPath(db, { taskId: a!.id, dependsOnId: c!.id })).toBeNull();
  });

  test('events are invisible until numbered, then come back in position order after a given position', async () => {
    const db = handle.db;
    const before = await maxEventId(db);
    const base = { projectId: 'prj_0123456789', taskId: null, sessionId: null, actor: 'user' } as const;
    await insertEvents(db, {
      events: [
        { ...base, type: 'project:deleted', payload: { projectId: 'prj_0123456789', name: 'one' } },
        { ...base, type: 'project:deleted', payload: { projectId: 'prj_0123456789', name: 'two' } },
      ],
    });
    expect(await listEvents(db, { filter: { projectId: 'prj_0123456789' }, afterId: before, limit: 10 })).toEqual([]);
    expect(await hasUnsequencedEvents(db)).toBe(true);
    expect(await sequenceEvents(db, { maxRows: 1000 })).toBe(2);
    expect(await hasUnsequencedEvents(db)).toBe(false);
    expect(await maxEventId(db)).toBe(before + 2);
    const after = await listEvents(db, { filter: { projectId: 'prj_0123456789' }, afterId: before, limit: 10 });
    expect(after.map((e) => (e.type === 'project:deleted' ? e.payload.name : null))).toEqual(['one', 'two']);
    expect(after[0]!.id).toBeLessThan(after[1]!.id);
  });
});
