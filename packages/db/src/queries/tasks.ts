import type { Task, TaskPriority, TaskStatus } from '@maestro/schemas';
import { and, asc, count, desc, eq, getTableColumns, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { events, projects, taskDependencies, tasks } from '../schema/index.js';
import { taskFromRowJson, type TaskRow, type TaskRowJson } from './mappers.js';
import { rowsOf } from './rows.js';

/** "Ready" = todo and every dependency completed. One definition for list, count and claim. */
export const readySql: SQL = sql`(${tasks.status} = 'todo' and not exists (
  select 1 from ${taskDependencies} d join ${tasks} dep on dep.id = d.depends_on_id
  where d.task_id = ${tasks.id} and dep.status <> 'completed'))`;

/** Stable queue order: most urgent first, then sibling position, then age; the id breaks ties. */
export const queueOrder = [desc(tasks.priority), asc(tasks.position), asc(tasks.createdAt), asc(tasks.id)];

export async function insertTask(db: Queryable, values: typeof tasks.$inferInsert): Promise<TaskRow> {
  const [row] = await db.insert(tasks).values(values).returning();
  return row!;
}

export async function findTask(db: Queryable, p: { id: string; forUpdate?: boolean }): Promise<TaskRow | null> {
  const query = db.select().from(tasks).where(eq(tasks.id, p.id));
  const [row] = p.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function findTasks(db: Queryable, p: { ids: readonly string[] }): Promise<TaskRow[]> {
  if (p.ids.length === 0) return [];
  return db
    .select()
    .from(tasks)
    .where(inArray(tasks.id, [...p.ids]));
}

/** Where a new task goes among its siblings (the top-level tasks when `parentId` is null): after the last. */
export async function nextPosition(db: Queryable, p: { projectId: string; parentId: string | null }): Promise<number> {
  const { projectId, parentId } = p;
  const [row] = await db
    .select({ max: sql<number | null>`max(${tasks.position})` })
    .from(tasks)
    .where(and(eq(tasks.projectId, projectId), parentId ? eq(tasks.parentId, parentId) : isNull(tasks.parentId)));
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export interface TaskListParams {
  projectId: string;
  status?: readonly TaskStatus[] | undefined;
  priority?: readonly TaskPriority[] | undefined;
  parentId?: string | null | undefined;
  assignee?: string | undefined;
  text?: string | undefined;
  ready?: boolean | undefined;
  limit: number;
  offset: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const taskColumns = Object.entries(getTableColumns(tasks));

/** A task row from `row_to_json(tasks)`: SQL column names, driver values mapped the way a select maps them. */
function taskFromJson(json: Record<string, unknown>): TaskRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of taskColumns) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as TaskRow;
}

export interface TaskListPage {
  tasks: Task[];
  /** The page's size as the database wrote it in JSON, in UTF-8 bytes: a little above the answer's own JSON (longer keys and timestamps), so it can stand for it in a size budget. */
  jsonBytes: number;
  /** The size of the whole filtered set. */
  total: number;
  /** The project's newest event position, read in the same snapshot as the rows (a list's `asOfEventId`). */
  eventHead: number;
  /** False when the project does not exist (then there are no rows). */
  projectFound: boolean;
}

/**
 * One page of a project's tasks, the size of the whole filtered set, the
 * project's event head and whether the project exists: one statement, one
 * snapshot. The page is sorted and cut before its rows become JSON (turning
 * every matching row into JSON first, then sorting those, was most of the
 * time). Each row comes back as a single JSON text: PGlite decodes every field
 * of a result in JavaScript, so 500 rows of 15 columns took ~11 ms there, one
 * JSON column ~5 ms (postgres.js is indifferent); a row's JSON also has its
 * place `n`, which the mapping ignores. The first row (n = 0) carries the
 * counts, so a page past the end still has them. (One row holding the whole
 * page as one JSON array was tried: json_agg/string_agg of 500 rows took
 * PostgreSQL 5–6 ms where 500 rows of JSON text take 4.)
 */
export async function listTasks(db: Queryable, p: TaskListParams): Promise<TaskListPage> {
  const where: SQL[] = [eq(tasks.projectId, p.projectId)];
  if (p.status?.length) where.push(inArray(tasks.status, [...p.status]));
  if (p.priority?.length) where.push(inArray(tasks.priority, [...p.priority]));
  if (p.parentId === null) where.push(isNull(tasks.parentId));
  else if (p.parentId !== undefined) where.push(eq(tasks.parentId, p.parentId));
  if (p.assignee !== undefined) where.push(eq(tasks.assignee, p.assignee));
  if (p.text !== undefined) {
    const pattern = `%${escapeLike(p.text)}%`;
    where.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern))!);
  }
  if (p.ready === true) where.push(readySql);
  if (p.ready === false) where.push(sql`not ${readySql}`);
  const condition = and(...where);
  const order = sql.join(queueOrder, sql`, `);
  const result = await db.execute(sql`
    select json from (
      select 0::bigint as n, json_build_object(
        'total', (select count(*) from ${tasks} where ${condition}),
        'head', (select coalesce(max(${events.pos}), 0) from ${events} where ${events.projectId} = ${p.projectId}),
        'found', exists (select 1 from ${projects} where ${projects.id} = ${p.projectId}))::text as json
      union all
      select page.n, row_to_json(page)::text from (
        select *, row_number() over (order by ${order}) as n
        from ${tasks} where ${condition}
        order by ${order}
        limit ${p.limit} offset ${p.offset}
      ) page
    ) answer order by n`);
  const [meta, ...page] = rowsOf<{ json: string }>(result);
  const counts = JSON.parse(meta!.json) as { total: number | string; head: number | string; found: boolean };
  let jsonBytes = 2;
  const pageTasks = page.map((r) => {
    jsonBytes += Buffer.byteLength(r.json) + 1;
    return taskFromRowJson(JSON.parse(r.json) as TaskRowJson);
  });
  return {
    tasks: pageTasks,
    jsonBytes,
    total: Number(counts.total),
    eventHead: Number(counts.head),
    projectFound: counts.found,
  };
}

export async function isTaskReady(db: Queryable, p: { id: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.id, p.id), readySql));
  return row !== undefined;
}

/** Sets fields and bumps `version`; callers hold the row lock and have checked the expected version. */
export async function updateTaskRow(
  db: Queryable,
  p: { id: string; values: Partial<Omit<typeof tasks.$inferInsert, 'id' | 'projectId' | 'version' | 'createdAt'>> },
): Promise<TaskRow> {
  const [row] = await db
    .update(tasks)
    .set({ ...p.values, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
    .where(eq(tasks.id, p.id))
    .returning();
  return row!;
}

export async function childrenOf(db: Queryable, p: { parentId: string }): Promise<TaskRow[]> {
  return db.select().from(tasks).where(eq(tasks.parentId, p.parentId)).orderBy(asc(tasks.position), asc(tasks.createdAt), asc(tasks.id));
}

export interface TreePageParams {
  projectId: string;
  /** The subtree under this task (it included); without it every task of the project. */
  rootId?: string | undefined;
  /** The last id of the previous page. */
  afterId?: string | undefined;
  limit: number;
}

/**
 * One page of a project's tasks, or of one subtree's, in id order: the id
 * never changes, so a page boundary holds while tasks are moved or edited
 * between pages. `more` is true when tasks follow the page.
 */
export async function treeTasksPage(db: Queryable, p: TreePageParams): Promise<{ rows: TaskRow[]; more: boolean; total: number }> {
  const inTree = p.rootId
    ? sql`${tasks.id} in (with recursive sub(id) as (
        select id from ${tasks} where id = ${p.rootId}
        union all
        select t.id from ${tasks} t join sub on t.parent_id = sub.id
      ) select id from sub)`
    : undefined;
  const scope = and(eq(tasks.projectId, p.projectId), inTree);
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(tasks)
      .where(and(scope, p.afterId ? gt(tasks.id, p.afterId) : undefined))
      .orderBy(asc(tasks.id))
      .limit(p.limit + 1),
    db.select({ n: count() }).from(tasks).where(scope),
  ]);
  return { rows: rows.slice(0, p.limit), more: rows.length > p.limit, total: counted?.n ?? 0 };
}

/** The root and every descendant, deepest first (the order a cascade delete reports them in). */
export async function subtreeIds(db: Queryable, p: { rootId: string }): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive sub(id, depth) as (
      select id, 0 from ${tasks} where id = ${p.rootId}
      union all
      select t.id, sub.depth + 1 from ${tasks} t join sub on t.parent_id = sub.id
    )
    select id from sub order by depth desc, id`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

export async function deleteTasksByIds(db: Queryable, p: { ids: readonly string[] }): Promise<void> {
  if (p.ids.length > 0) await db.delete(tasks).where(inArray(tasks.id, [...p.ids]));
}

/**
 * Claims the first ready task in queue order for `claimant`, in one statement:
 * the pick skips rows another transaction holds (SKIP LOCKED), so concurrent
 * claimers each get a different task without waiting. Returns the row before
 * and after (the timeline records the change), or null when no ready row was
 * free. One round trip instead of a locking select and an update.
 */
export async function claimNextReady(db: Queryable, p: { projectId: string; claimant: string }): Promise<{ before: TaskRow; after: TaskRow } | null> {
  const { projectId, claimant } = p;
  const result = await db.execute(sql`
    with picked as (
      select * from ${tasks}
      where ${tasks.projectId} = ${projectId} and ${readySql}
      order by ${sql.join(queueOrder, sql`, `)}
      limit 1
      for update skip locked
    )
    update ${tasks} as claimed
    set status = 'in_progress', assignee = ${claimant}, version = claimed.version + 1,
        updated_at = now(), started_at = coalesce(picked.started_at, now())
    from picked
    where claimed.id = picked.id
    returning row_to_json(picked)::text as before, row_to_json(claimed)::text as after`);
  const [row] = rowsOf<{ before: string; after: string }>(result);
  if (!row) return null;
  const parse = (json: string) => taskFromJson(JSON.parse(json) as Record<string, unknown>);
  return { before: parse(row.before), after: parse(row.after) };
}

export async function countReady(db: Queryable, p: { projectId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tasks)
    .where(and(eq(tasks.projectId, p.projectId), readySql));
  return row?.n ?? 0;
}

export async function countsBy(db: Queryable, p: { projectId: string }): Promise<{ status: TaskStatus; priority: TaskPriority; n: number }[]> {
  return db
    .select({ status: tasks.status, priority: tasks.priority, n: count() })
    .from(tasks)
    .where(eq(tasks.projectId, p.projectId))
    .groupBy(tasks.status, tasks.priority);
}
