import { childrenOf, dependenciesOf, dependentsOf, isTaskReady, listTasks, projectTasks, toTask, type Queryable, type TaskListParams } from '@maestro/db';
import type { Task, TaskDetail, TaskRef, TaskTreeNode } from '@maestro/schemas';
import { notFound } from '../../errors.js';
import { eventHead } from '../events.js';
import { nextCursor, parseCursor } from '../paging.js';
import { requireProject } from '../projects.js';
import { requireTask } from './shared.js';

const ref = (t: Task): TaskRef => ({ id: t.id, title: t.title, status: t.status, priority: t.priority });

export async function getTaskDetail(db: Queryable, id: string): Promise<TaskDetail> {
  const row = await requireTask(db, id);
  const [children, deps, dependents, ready] = await Promise.all([childrenOf(db, id), dependenciesOf(db, id), dependentsOf(db, id), isTaskReady(db, id)]);
  return {
    ...toTask(row),
    subtasks: children.map(toTask),
    dependencies: deps.map(toTask).map(ref),
    dependents: dependents.map(toTask).map(ref),
    ready,
  };
}

export async function listProjectTasks(db: Queryable, input: Omit<TaskListParams, 'offset'> & { cursor?: string | undefined }) {
  await requireProject(db, input.projectId);
  const { cursor, ...filters } = input;
  const offset = parseCursor(cursor);
  // Before the rows: see eventHead.
  const asOfEventId = await eventHead(db, input.projectId);
  const { rows, total } = await listTasks(db, { ...filters, offset });
  return { items: rows.map(toTask), nextCursor: nextCursor(offset, rows.length, total), total, asOfEventId };
}

export async function listSubtasks(db: Queryable, taskId: string): Promise<Task[]> {
  await requireTask(db, taskId);
  return (await childrenOf(db, taskId)).map(toTask);
}

export async function taskTree(db: Queryable, input: { projectId: string; rootId?: string | undefined }): Promise<TaskTreeNode[]> {
  await requireProject(db, input.projectId);
  const all = (await projectTasks(db, input.projectId)).map(toTask);
  const nodes = new Map<string, TaskTreeNode>(all.map((t) => [t.id, { ...t, children: [] }]));
  const roots: TaskTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  if (!input.rootId) return roots;
  const root = nodes.get(input.rootId);
  if (!root) throw notFound('task', input.rootId, `Task ${input.rootId} is not in project ${input.projectId}.`);
  return [root];
}
