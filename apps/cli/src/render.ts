import type { Project, Task, TaskDetail, TaskPriority, TaskStatus, TaskTreeNode } from '@maestro/schemas';
import { keyValues, table, truncate, type Paint, type Style } from './output.js';

const STATUS_STYLE: Record<TaskStatus, Style> = {
  todo: 'blue',
  in_progress: 'cyan',
  blocked: 'red',
  in_review: 'magenta',
  completed: 'green',
  cancelled: 'gray',
};
const PRIORITY_STYLE: Record<TaskPriority, Style> = { low: 'gray', medium: 'blue', high: 'yellow', urgent: 'red' };

export const status = (paint: Paint, s: TaskStatus) => paint(STATUS_STYLE[s], s);
export const priority = (paint: Paint, p: TaskPriority) => paint(PRIORITY_STYLE[p], p);

/** Titles are cut to fit a terminal; piped output keeps them whole. */
function titleWidth(width: number): number {
  return Number.isFinite(width) ? Math.max(20, width - 60) : Number.POSITIVE_INFINITY;
}

export function taskTable(tasks: Task[], paint: Paint, width: number): string {
  if (tasks.length === 0) return paint('dim', 'No tasks.');
  const max = titleWidth(width);
  return table(
    ['ID', 'STATUS', 'PRIORITY', 'TITLE', 'ASSIGNEE'],
    tasks.map((t) => [t.id, status(paint, t.status), priority(paint, t.priority), truncate(t.title, max), t.assignee ?? '']),
    paint,
  );
}

function summaryPairs(task: Task, paint: Paint): [string, string][] {
  const pairs: [string, string][] = [
    ['id', task.id],
    ['title', task.title],
    ['status', status(paint, task.status)],
    ['priority', priority(paint, task.priority)],
    ['version', String(task.version)],
  ];
  if (task.parentId) pairs.push(['parent', task.parentId]);
  if (task.blockedReason) pairs.push(['blocked', task.blockedReason]);
  if (task.assignee) pairs.push(['assignee', task.assignee]);
  if (task.worktree) pairs.push(['worktree', 'yes']);
  if (task.description) pairs.push(['description', task.description]);
  return pairs;
}

export function taskSummary(task: Task, paint: Paint): string {
  return keyValues(summaryPairs(task, paint), paint);
}

/** Readiness means something only for a todo task: ready, or which open dependencies it waits on. */
function readiness(task: TaskDetail): string | null {
  if (task.status !== 'todo') return null;
  if (task.ready) return 'yes';
  const open = task.dependencies.filter((d) => d.status !== 'completed').map((d) => d.id);
  return open.length > 0 ? `no: waits on ${open.join(', ')}` : 'no';
}

export function taskDetail(task: TaskDetail, paint: Paint, width: number): string {
  const pairs = summaryPairs(task, paint);
  const ready = readiness(task);
  if (ready !== null) pairs.splice(4, 0, ['ready', ready]);
  const parts = [keyValues(pairs, paint)];
  if (task.subtasks.length > 0) parts.push(`\n${paint('bold', 'Subtasks')}\n${taskTable(task.subtasks, paint, width)}`);
  const refs = (label: string, list: TaskDetail['dependencies']) =>
    list.length > 0 ? `\n${paint('bold', label)}\n${list.map((d) => `  ${d.id}  ${status(paint, d.status)}  ${d.title}`).join('\n')}` : '';
  parts.push(refs('Depends on', task.dependencies), refs('Needed by', task.dependents));
  return parts.filter(Boolean).join('\n');
}

export function projectTable(projects: Project[], paint: Paint, current: string | null): string {
  if (projects.length === 0) return paint('dim', 'No projects. Create one with `maestro project create <name>`.');
  return table(
    ['', 'ID', 'NAME', 'DIRECTORY'],
    projects.map((p) => [p.id === current ? '*' : '', p.id, p.name, p.workingDir]),
    paint,
  );
}

export function projectSummary(project: Project, paint: Paint): string {
  const pairs: [string, string][] = [
    ['id', project.id],
    ['name', project.name],
    ['directory', project.workingDir],
  ];
  if (project.description) pairs.push(['description', project.description]);
  return keyValues(pairs, paint);
}

export function taskTree(nodes: TaskTreeNode[], paint: Paint): string {
  if (nodes.length === 0) return paint('dim', 'No tasks.');
  const lines: string[] = [];
  const label = (node: TaskTreeNode) => `${node.id}  ${status(paint, node.status)}  ${node.title}`;
  const child = (node: TaskTreeNode, prefix: string, last: boolean) => {
    lines.push(`${prefix}${last ? '└─ ' : '├─ '}${label(node)}`);
    node.children.forEach((c, i) => child(c, prefix + (last ? '   ' : '│  '), i === node.children.length - 1));
  };
  for (const root of nodes) {
    lines.push(label(root));
    root.children.forEach((c, i) => child(c, '', i === root.children.length - 1));
  }
  return lines.join('\n');
}
