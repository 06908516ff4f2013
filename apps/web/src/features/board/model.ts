import { DONE_STATUSES, type Session, type Task, type TaskPriority, type TaskStatus } from '@maestro/schemas';
import { PRIORITY_ORDER, TASK_STATUS_ORDER } from '@/lib/status';
import type { EdgeIndex } from './edges';

/** What the filter bar asks for; kept in the URL. Empty lists mean "all". */
export interface BoardFilters {
  q: string;
  status: TaskStatus[];
  priority: TaskPriority[];
  /** An assignee name, `none` for unassigned, or '' for anyone. */
  assignee: string;
}

export const UNASSIGNED = 'none';

export interface Progress {
  done: number;
  total: number;
}

export interface DepInfo {
  /** Tasks this one waits for. */
  total: number;
  /** Of those, not completed yet. */
  open: number;
  /** Todo and every dependency completed (the server's definition of ready). */
  ready: boolean;
}

const DONE = new Set<string>(DONE_STATUSES);
const PRIORITY_RANK: Record<TaskPriority, number> = Object.fromEntries(PRIORITY_ORDER.map((p, i) => [p, i])) as Record<TaskPriority, number>;

/** Queue order, as the server's: most urgent first, then sibling position, then age. */
export function compareTasks(a: Task, b: Task): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.position - b.position ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    (a.id < b.id ? -1 : 1)
  );
}

/** Lower-cased text a search matches, per task object (tasks are immutable: a new version is a new object). */
const haystacks = new WeakMap<Task, string>();
function haystack(task: Task): string {
  let text = haystacks.get(task);
  if (text === undefined) {
    text = `${task.title}\n${task.id}\n${task.description}`.toLowerCase();
    haystacks.set(task, text);
  }
  return text;
}

export function matches(task: Task, filters: BoardFilters, words: readonly string[]): boolean {
  if (filters.priority.length > 0 && !filters.priority.includes(task.priority)) return false;
  if (filters.assignee === UNASSIGNED ? task.assignee !== null : filters.assignee !== '' && task.assignee !== filters.assignee) return false;
  if (words.length > 0) {
    const text = haystack(task);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export interface BoardModel {
  /** Column status → top-level task ids in display order (after filters). */
  columns: Map<TaskStatus, string[]>;
  /** Unfiltered count per column (header shows "shown / all" when a filter hides some). */
  totals: Map<TaskStatus, number>;
  progress: Map<string, Progress>;
  deps: Map<string, DepInfo>;
  assignees: string[];
}

/**
 * Columns, subtask progress and dependency facts from the normalised task
 * store, in one pass over the tasks. `overrides` are moves in flight (shown in
 * their new column until the server answers).
 */
export function buildBoard(
  byId: ReadonlyMap<string, Task>,
  edges: EdgeIndex | undefined,
  filters: BoardFilters,
  overrides: ReadonlyMap<string, TaskStatus>,
): BoardModel {
  const words = filters.q.toLowerCase().split(/\s+/).filter(Boolean);
  const lists = new Map<TaskStatus, Task[]>(TASK_STATUS_ORDER.map((s) => [s, []]));
  const totals = new Map<TaskStatus, number>(TASK_STATUS_ORDER.map((s) => [s, 0]));
  const progress = new Map<string, Progress>();
  const assignees = new Set<string>();
  for (const task of byId.values()) {
    if (task.parentId !== null) {
      const p = progress.get(task.parentId) ?? { done: 0, total: 0 };
      progress.set(task.parentId, { done: p.done + (DONE.has(task.status) ? 1 : 0), total: p.total + 1 });
      continue;
    }
    if (task.assignee) assignees.add(task.assignee);
    const status = overrides.get(task.id) ?? task.status;
    totals.set(status, (totals.get(status) ?? 0) + 1);
    if (matches(task, filters, words)) lists.get(status)?.push(task);
  }
  const deps = new Map<string, DepInfo>();
  for (const edge of edges?.byKey.values() ?? []) {
    const task = byId.get(edge.taskId);
    const dep = byId.get(edge.dependsOnId);
    if (!task || !dep) continue;
    const info = deps.get(task.id) ?? { total: 0, open: 0, ready: false };
    deps.set(task.id, { ...info, total: info.total + 1, open: info.open + (dep.status === 'completed' ? 0 : 1) });
  }
  for (const [id, info] of deps) deps.set(id, { ...info, ready: byId.get(id)?.status === 'todo' && info.open === 0 });
  const columns = new Map<TaskStatus, string[]>();
  for (const [status, tasks] of lists)
    columns.set(
      status,
      tasks.sort(compareTasks).map((t) => t.id),
    );
  return { columns, totals, progress, deps, assignees: [...assignees].sort() };
}

/** Todo tasks without dependencies are ready too. */
export function depInfoOf(model: BoardModel, task: Task): DepInfo {
  return model.deps.get(task.id) ?? { total: 0, open: 0, ready: task.status === 'todo' };
}

/** The live session on a task: spawning or active, newest first. */
export function liveSessionsByTask(sessions: ReadonlyMap<string, Session> | undefined): Map<string, Session> {
  const byTask = new Map<string, Session>();
  for (const session of sessions?.values() ?? []) {
    if (session.status !== 'spawning' && session.status !== 'active') continue;
    for (const taskId of session.taskIds) {
      const current = byTask.get(taskId);
      if (!current || current.createdAt < session.createdAt) byTask.set(taskId, session);
    }
  }
  return byTask;
}

/** Same contents → the previous array, so a column whose ids did not change does not re-render. */
export function stableList(previous: string[] | undefined, next: string[]): string[] {
  if (previous && previous.length === next.length && previous.every((id, i) => id === next[i])) return previous;
  return next;
}
