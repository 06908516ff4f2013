import {
  countProjectTasks,
  deleteProjectRow,
  findProject,
  findProjectByName,
  insertProject,
  listProjects,
  newId,
  toProject,
  updateProjectRow,
  type Queryable,
} from '@maestro/db';
import type { Project, projectListOutput, projectCreateInput, projectDeleteInput, projectUpdateInput } from '@maestro/schemas';
import type { z } from 'zod';
import { MaestroError, notFound } from '../errors.js';
import type { MutationScope } from '../mutate.js';
import { diff } from './diff.js';
import { eventHead } from './events.js';

export async function requireProject(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}) {
  const row = await findProject(db, { id, ...opts });
  if (!row) throw notFound('project', id);
  return row;
}

async function assertNameFree(db: Queryable, name: string, exceptId?: string): Promise<void> {
  const existing = await findProjectByName(db, { name });
  if (existing && existing.id !== exceptId) {
    throw new MaestroError('ALREADY_EXISTS', `A project named "${name}" already exists (${existing.id})`, {
      hint: `Use it with \`maestro project use ${existing.id}\`, or pick another name.`,
      details: { id: existing.id },
    });
  }
}

export async function createProject(scope: MutationScope, input: z.output<typeof projectCreateInput>): Promise<Project> {
  await assertNameFree(scope.tx, input.name);
  const project = toProject(await insertProject(scope.tx, { id: newId('project'), ...input }));
  scope.emit({ type: 'project:created', projectId: project.id, taskId: null, sessionId: null, payload: { project } });
  return project;
}

export async function getProject(db: Queryable, id: string): Promise<Project> {
  return toProject(await requireProject(db, id));
}

/** Every project, or only `onlyId` (a session token's view: it never learns of other projects). */
export async function listVisibleProjects(db: Queryable, onlyId: string | undefined): Promise<z.output<typeof projectListOutput>> {
  const asOfEventId = await eventHead(db, onlyId);
  const all = (await listProjects(db)).map(toProject);
  return { items: onlyId === undefined ? all : all.filter((p) => p.id === onlyId), asOfEventId };
}

export async function updateProject(scope: MutationScope, input: z.output<typeof projectUpdateInput>): Promise<Project> {
  const before = await requireProject(scope.tx, input.id, { forUpdate: true });
  const { id, ...fields } = input;
  const changes = diff(before, fields);
  if (Object.keys(changes).length === 0) return toProject(before);
  if (fields.name !== undefined) await assertNameFree(scope.tx, fields.name, id);
  const project = toProject(await updateProjectRow(scope.tx, { id, values: fields }));
  scope.emit({ type: 'project:updated', projectId: id, taskId: null, sessionId: null, payload: { project, changes } });
  return project;
}

export async function deleteProject(scope: MutationScope, input: z.output<typeof projectDeleteInput>) {
  const row = await requireProject(scope.tx, input.id, { forUpdate: true });
  const taskCount = await countProjectTasks(scope.tx, { projectId: input.id });
  if (taskCount > 0 && !input.cascade) {
    throw new MaestroError('HAS_CHILDREN', `Project ${row.name} still has ${taskCount} task(s)`, {
      hint: 'Pass cascade (`--cascade`) to delete the project with all its tasks.',
      details: { taskCount },
    });
  }
  await deleteProjectRow(scope.tx, { id: input.id });
  scope.emit({ type: 'project:deleted', projectId: input.id, taskId: null, sessionId: null, payload: { projectId: input.id, name: row.name } });
  return { id: input.id, deletedTasks: taskCount };
}
