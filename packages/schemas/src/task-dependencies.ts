import { z } from 'zod';
import { projectId, taskId } from './ids.js';
import { asOfEventId } from './snapshot.js';

/** Every dependency edge of one project, for a board that shows ready badges and dependency counts. */
export const taskDependenciesInput = z.object({ projectId });

/** `taskId` waits for `dependsOnId`. */
export const dependencyEdge = z.object({ taskId, dependsOnId: taskId });
export type DependencyEdge = z.infer<typeof dependencyEdge>;

/** Kept current by `task:dependency_added` / `task:dependency_removed` events from `asOfEventId` on. */
export const taskDependenciesOutput = z.object({ edges: z.array(dependencyEdge), asOfEventId });
export type TaskDependenciesOutput = z.infer<typeof taskDependenciesOutput>;
