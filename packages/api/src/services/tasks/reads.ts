import {
  childrenOf,
  dependenciesOf,
  dependentsOf,
  findTask,
  isTaskReady,
  listTasks,
  toTask,
  treeTasksPage,
  type Queryable,
  type TaskListParams,
} from '@maestro/db';
import type { Task, TaskDetail, TaskRef } from '@maestro/schemas';
import { notFound } from '../../errors.js';
import { nextCursor, parseCursor } from '../paging.js';
import { requireProject } from '../projects.js';
import { requireTask } from './shared.js';

const ref = (t: Task): TaskRef => ({ id: t.id, title: t.title, status: t.status, priority: t.priority });

export async function getTaskDetail(db: Queryable, id: string): Promise<TaskDetail> {
  const row = await requireTask(db, id);
  const [children, deps, dependents, ready] = await Promise.all([
    childrenOf(db, { parentId: id }),
    dependenciesOf(db, { taskId: id }),
    dependentsOf(db, { taskId: id }),
    isTaskReady(db, { id }),
  ]);
  return {
    ...toTask(row),
    subtasks: children.map(toTask),
    dependencies: deps.map(toTask).map(ref),
    dependents: dependents.map(toTask).map(ref),
    ready,
  };
}

/**
 * One statement answers the page (with its size in bytes of JSON, for the
 * response budget), the total, the project's event head (the
 * list's `asOfEventId`: from the rows' own snapshot, so a subscriber starting
 * there misses no change the rows do not show) and whether the project exists.
 */
export async function listProjectTasks(db: Queryable, input: Omit<TaskListParams, 'offset'> & { cursor?: string | undefined }) {
  const { cursor, ...filters } = input;
  let offset: number;
  try {
    offset = parseCursor(cursor);
  } catch (error) {
    await requireProject(db, input.projectId); // an unknown project is reported before a bad cursor
    throw error;
  }
  const { tasks, jsonBytes, total, eventHead, projectFound } = await listTasks(db, { ...filters, offset });
  if (!projectFound) throw notFound('project', input.projectId);
  const page = { items: tasks, nextCursor: nextCursor(offset, tasks.length, total), total, asOfEventId: String(eventHead) };
  // The database's JSON of the items is never smaller than the items' own; the rest is measured.
  return { page, jsonBytes: jsonBytes + Buffer.byteLength(JSON.stringify({ ...page, items: [] })) };
}

export async function listSubtasks(db: Queryable, taskId: string): Promise<Task[]> {
  await requireTask(db, taskId);
  return (await childrenOf(db, { parentId: taskId })).map(toTask);
}

/** One page of a project's tasks or one subtree's, flat in id order; clients nest them (`assembleTaskTree`). */
export async function taskTreePage(db: Queryable, input: { projectId: string; rootId?: string | undefined; limit: number; cursor?: string | undefined }) {
  await requireProject(db, input.projectId);
  if (input.rootId) {
    const root = await findTask(db, { id: input.rootId });
    if (root?.projectId !== input.projectId) throw notFound('task', input.rootId, `Task ${input.rootId} is not in project ${input.projectId}.`);
  }
  const { rows, more, total } = await treeTasksPage(db, { projectId: input.projectId, rootId: input.rootId, afterId: input.cursor, limit: input.limit });
  const items = rows.map(toTask);
  return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null, total };
}
