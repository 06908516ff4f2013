import { asc, count, eq } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { projects, tasks } from '../schema/index.js';
import { type ProjectRow } from './mappers.js';

export async function insertProject(db: Queryable, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

export async function findProject(db: Queryable, p: { id: string; forUpdate?: boolean }): Promise<ProjectRow | null> {
  const query = db.select().from(projects).where(eq(projects.id, p.id));
  const [row] = p.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function findProjectByName(db: Queryable, p: { name: string }): Promise<ProjectRow | null> {
  const [row] = await db.select().from(projects).where(eq(projects.name, p.name));
  return row ?? null;
}

export async function listProjects(db: Queryable): Promise<ProjectRow[]> {
  return db.select().from(projects).orderBy(asc(projects.createdAt), asc(projects.id));
}

export async function updateProjectRow(
  db: Queryable,
  p: { id: string; values: Partial<Pick<ProjectRow, 'name' | 'description' | 'workingDir'>> },
): Promise<ProjectRow> {
  const [row] = await db
    .update(projects)
    .set({ ...p.values, updatedAt: new Date() })
    .where(eq(projects.id, p.id))
    .returning();
  return row!;
}

export async function countProjectTasks(db: Queryable, p: { projectId: string }): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tasks).where(eq(tasks.projectId, p.projectId));
  return row?.n ?? 0;
}

/** Tasks, dependencies and sessions go with the project (foreign keys cascade). */
export async function deleteProjectRow(db: Queryable, p: { id: string }): Promise<void> {
  await db.delete(projects).where(eq(projects.id, p.id));
}
