import type { RouterOutputs } from '@maestro/client';
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

export function taskSummary(task: Task, paint: Paint): string {
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
  return keyValues(pairs, paint);
}

export function taskDetail(task: TaskDetail, paint: Paint, width: number): string {
  const parts = [taskSummary(task, paint), keyValues([['ready', task.ready ? 'yes' : 'no']], paint)];
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

/** An event as it arrives over the wire. */
export type WireEvent = RouterOutputs['events']['list']['items'][number];

function changesText(changes: Record<string, { from?: unknown; to?: unknown }>): string {
  return Object.entries(changes)
    .map(([field, c]) => `${field} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`)
    .join(', ');
}

/** One event as one line: time, id, type, subject, what happened, who did it. */
export function eventLine(event: WireEvent, paint: Paint): string {
  const time = event.createdAt.slice(11, 19);
  const head = `${paint('dim', time)}  ${paint('dim', `#${event.id}`)}  ${paint('cyan', event.type)}`;
  return `${head}  ${eventText(event)}  ${paint('dim', `by ${event.actor}`)}`;
}

function eventText(event: WireEvent): string {
  switch (event.type) {
    case 'task:created':
      return `${event.payload.task.id} "${event.payload.task.title}"`;
    case 'task:updated': {
      const p = event.payload;
      const reason = p.reason ? ` (reason: ${p.reason})` : '';
      return `${p.task.id} ${p.action}: ${changesText(p.changes)}${reason}`;
    }
    case 'task:deleted':
      return `${event.payload.taskId} "${event.payload.title}"`;
    case 'task:commented':
      return `${event.payload.taskId}: ${event.payload.body}`;
    case 'task:dependency_added':
    case 'task:dependency_removed':
      return `${event.payload.taskId} → ${event.payload.dependsOnId}`;
    case 'subtask:created':
      return `${event.payload.subtask.id} "${event.payload.subtask.title}" under ${event.payload.subtask.parentId ?? '?'}`;
    case 'subtask:updated':
      return `${event.payload.subtask.id}: ${changesText(event.payload.changes)}`;
    case 'subtask:deleted':
      return `${event.payload.subtaskId} "${event.payload.title}"`;
    case 'project:created':
      return `${event.payload.project.id} "${event.payload.project.name}"`;
    case 'project:updated':
      return `${event.payload.project.id}: ${changesText(event.payload.changes)}`;
    case 'project:deleted':
      return `${event.payload.projectId} "${event.payload.name}"`;
    default:
      return JSON.stringify((event as { payload: unknown }).payload);
  }
}
