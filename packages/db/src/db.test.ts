import { ID_PREFIXES, taskId } from '@maestro/schemas';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from './ids.js';
import { findTask, insertTask, listTasks, subtreeIds } from './queries/tasks.js';
import { insertProject } from './queries/projects.js';
import { dependencyPath, insertDependency } from './queries/dependencies.js';
import { hasUnsequencedEvents, insertEvents, listEvents, maxEventId, sequenceEvents } from './queries/events.js';
import { toTask } from './queries/mappers.js';
import { isoFromJson, rowsOf } from './queries/rows.js';
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

describe('isoFromJson', () => {
  test('gives what Date gives for every fraction PostgreSQL prints, and other zones through Date', () => {
    for (const text of [
      '2026-12-04T08:20:01+00:00',
      '2026-12-04T08:20:01.1+00:00',
      '2026-12-04T08:20:01.12+00:00',
      '2026-12-04T08:20:01.123+00:00',
      '2026-12-04T08:20:01.123456+00:00',
      '2026-12-04T08:20:01.999999+00:00',
      '2026-12-04T09:20:01.5+01:00',
      '2026-12-04T03:50:01.25-04:30',
    ]) {
      expect(isoFromJson(text)).toBe(new Date(text).toISOString());
    }
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
    const { tasks, total } = await listTasks(db, { projectId: project.id, parentId: null, limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(tasks[0]?.id).toBe(root.id);
  });

  test('listTasks answers each task as toTask does from a selected row, every column set or null', async () => {
    const db = handle.db;
    const project = await insertProject(db, { id: newId('project'), name: `json-${Date.now()}`, workingDir: '/tmp' });
    const parent = await insertTask(db, { id: newId('task'), projectId: project.id, title: 'plain' });
    const full = await insertTask(db, {
      id: newId('task'),
      projectId: project.id,
      parentId: parent.id,
      title: 'ünïcode "quoted" \\ title',
      description: 'line\nbreak\ttab \u0001 😀',
      status: 'blocked',
      priority: 'urgent',
      position: 7,
      blockedReason: 'waiting',
      assignee: 'ses_0123456789',
      worktree: true,
      version: 3,
      // Whole, tenths and microseconds: every fraction PostgreSQL may print.
      createdAt: new Date('2026-01-02T03:04:05.000Z'),
      updatedAt: new Date('2026-01-02T03:04:05.100Z'),
      startedAt: new Date('2026-01-02T03:04:05.123Z'),
      completedAt: new Date('1999-12-31T23:59:59.999Z'),
    });
    await db.execute(sql`update tasks set completed_at = completed_at + interval '456 microseconds' where id = ${full.id}`);
    const { tasks, jsonBytes } = await listTasks(db, { projectId: project.id, limit: 10, offset: 0 });
    const expected = await Promise.all([full.id, parent.id].map(async (id) => toTask((await findTask(db, { id }))!)));
    expect(tasks).toEqual(expected);
    expect(tasks[0]?.completedAt).toBe('1999-12-31T23:59:59.999Z');
    // The database's JSON stands for the answer's in a size budget: never below it.
    expect(jsonBytes).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(tasks)));
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
