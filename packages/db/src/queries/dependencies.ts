import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { taskDependencies, tasks } from '../schema/index.js';
import type { TaskRow } from './mappers.js';
import { rowsOf } from './rows.js';

/** One edge: `taskId` waits for `dependsOnId`. Named, not positional: two task ids are easy to swap. */
export interface DependencyEdge {
  taskId: string;
  dependsOnId: string;
}

/** Adds the edge; false when it was already there. */
export async function insertDependency(db: Queryable, edge: DependencyEdge): Promise<boolean> {
  const rows = await db.insert(taskDependencies).values({ taskId: edge.taskId, dependsOnId: edge.dependsOnId }).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** Removes the edge; false when there was none. */
export async function deleteDependency(db: Queryable, edge: DependencyEdge): Promise<boolean> {
  const rows = await db
    .delete(taskDependencies)
    .where(and(eq(taskDependencies.taskId, edge.taskId), eq(taskDependencies.dependsOnId, edge.dependsOnId)))
    .returning();
  return rows.length > 0;
}

/** Tasks `taskId` waits for. */
export async function dependenciesOf(db: Queryable, p: { taskId: string }): Promise<TaskRow[]> {
  const rows = await db
    .select({ task: tasks })
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.dependsOnId))
    .where(eq(taskDependencies.taskId, p.taskId))
    .orderBy(asc(tasks.createdAt), asc(tasks.id));
  return rows.map((r) => r.task);
}

/** Tasks waiting for `taskId`. */
export async function dependentsOf(db: Queryable, p: { taskId: string }): Promise<TaskRow[]> {
  const rows = await db
    .select({ task: tasks })
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.taskId))
    .where(eq(taskDependencies.dependsOnId, p.taskId))
    .orderBy(asc(tasks.createdAt), asc(tasks.id));
  return rows.map((r) => r.task);
}

export async function incompleteDependencies(db: Queryable, p: { taskId: string }): Promise<TaskRow[]> {
  const rows = await db
    .select({ task: tasks })
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.dependsOnId))
    .where(and(eq(taskDependencies.taskId, p.taskId), ne(tasks.status, 'completed')));
  return rows.map((r) => r.task);
}

/**
 * If adding the edge would close a cycle, the existing path from
 * `dependsOnId` back to `taskId` (both ends included); otherwise null. Callers
 * serialise dependency changes per project so two concurrent adds cannot each
 * miss the other's edge.
 */
export async function dependencyPath(db: Queryable, edge: DependencyEdge): Promise<string[] | null> {
  const from = edge.dependsOnId;
  const to = edge.taskId;
  const result = await db.execute(sql`
    with recursive walk(id, path) as (
      select ${from}::text, array[${from}::text]
      union all
      select d.depends_on_id, walk.path || d.depends_on_id
      from ${taskDependencies} d join walk on d.task_id = walk.id
      where not d.depends_on_id = any(walk.path)
    )
    select path from walk where id = ${to} limit 1`);
  const [row] = rowsOf<{ path: string[] }>(result);
  return row ? row.path : null;
}

/** Every edge between tasks of one project, in a stable order. */
export async function projectDependencyEdges(db: Queryable, p: { projectId: string }): Promise<{ taskId: string; dependsOnId: string }[]> {
  return db
    .select({ taskId: taskDependencies.taskId, dependsOnId: taskDependencies.dependsOnId })
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.taskId))
    .where(eq(tasks.projectId, p.projectId))
    .orderBy(asc(taskDependencies.taskId), asc(taskDependencies.dependsOnId));
}
