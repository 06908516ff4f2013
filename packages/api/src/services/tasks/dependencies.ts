import { deleteDependency, dependencyPath, insertDependency } from '@maestro/db';
import { sql } from 'drizzle-orm';
import { MaestroError } from '../../errors.js';
import type { MutationScope } from '../../mutate.js';
import { requireTask } from './shared.js';
import type { taskDependencyInput } from '@maestro/schemas';
import type { z } from 'zod';

async function lockProjectGraph(scope: MutationScope, projectId: string): Promise<void> {
  // Two concurrent adds (A→B, B→A) would each pass the cycle check alone; one lock per project's graph prevents it.
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`maestro:deps:${projectId}`}))`);
}

export async function addDependency(scope: MutationScope, input: z.output<typeof taskDependencyInput>) {
  const task = await requireTask(scope.tx, input.id);
  await lockProjectGraph(scope, task.projectId);
  const dep = await requireTask(scope.tx, input.dependsOnId);
  if (dep.projectId !== task.projectId) {
    throw new MaestroError('VALIDATION', `Task ${dep.id} is in another project`, { hint: 'Dependencies link tasks of one project.' });
  }
  if (task.id === dep.id) {
    throw new MaestroError('CYCLE', `Task ${task.id} cannot depend on itself`, { details: { path: [task.id, task.id] } });
  }
  const path = await dependencyPath(scope.tx, { taskId: task.id, dependsOnId: dep.id });
  if (path) {
    const cycle = [task.id, ...path];
    throw new MaestroError('CYCLE', `That would make a cycle: ${cycle.join(' → ')}`, {
      hint: 'Remove one of the existing dependencies on that path first, or reverse the one you are adding.',
      details: { path: cycle },
    });
  }
  if (await insertDependency(scope.tx, { taskId: task.id, dependsOnId: dep.id })) {
    scope.emit({
      type: 'task:dependency_added',
      projectId: task.projectId,
      taskId: task.id,
      sessionId: null,
      payload: { taskId: task.id, dependsOnId: dep.id },
    });
  }
  return { taskId: task.id, dependsOnId: dep.id };
}

export async function removeDependency(scope: MutationScope, input: z.output<typeof taskDependencyInput>) {
  const task = await requireTask(scope.tx, input.id);
  await lockProjectGraph(scope, task.projectId);
  if (!(await deleteDependency(scope.tx, { taskId: task.id, dependsOnId: input.dependsOnId }))) {
    throw new MaestroError('NOT_FOUND', `Task ${task.id} does not depend on ${input.dependsOnId}`, {
      hint: 'See its dependencies with `maestro task get`.',
    });
  }
  scope.emit({
    type: 'task:dependency_removed',
    projectId: task.projectId,
    taskId: task.id,
    sessionId: null,
    payload: { taskId: task.id, dependsOnId: input.dependsOnId },
  });
  return { taskId: task.id, dependsOnId: input.dependsOnId };
}
