import { projectDependencyEdges, type Queryable } from '@maestro/db';
import type { TaskDependenciesOutput } from '@maestro/schemas';
import { eventHead } from '../events.js';
import { requireProject } from '../projects.js';

/** A project's dependency graph as edges, with the event position it reflects (read before the rows). */
export async function listDependencyEdges(db: Queryable, projectId: string): Promise<TaskDependenciesOutput> {
  await requireProject(db, projectId);
  const asOfEventId = await eventHead(db, projectId);
  return { edges: await projectDependencyEdges(db, { projectId }), asOfEventId };
}
