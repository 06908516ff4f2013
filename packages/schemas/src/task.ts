import { z } from 'zod';
import { LIMITS, description, int32, mutationMeta, pageInput, pageOf, text, timestamp, title } from './common.js';
import { TASK_PRIORITIES, TASK_STATUSES } from './enums.js';
import { projectId, taskId } from './ids.js';
import { asOfEventId } from './snapshot.js';

export const taskStatus = z.enum(TASK_STATUSES);
export const taskPriority = z.enum(TASK_PRIORITIES);

/** Who holds a task: a session id for agents, any short name for people. */
export const claimant = text().trim().min(1).max(LIMITS.name);

export const task = z.object({
  id: taskId,
  projectId,
  parentId: taskId.nullable(),
  title: z.string(),
  description: z.string(),
  status: taskStatus,
  priority: taskPriority,
  /** Order among siblings (subtasks are listed by it). */
  position: z.number().int(),
  blockedReason: z.string().nullable(),
  assignee: z.string().nullable(),
  /** When true, a session spawned for this task runs in its own git worktree (whatever the spawn's own flag says). */
  worktree: z.boolean(),
  /** Optimistic concurrency: pass it back as `expectedVersion` to update. */
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  startedAt: timestamp.nullable(),
  completedAt: timestamp.nullable(),
});
export type Task = z.infer<typeof task>;

export const taskRef = task.pick({ id: true, title: true, status: true, priority: true });
export type TaskRef = z.infer<typeof taskRef>;

export const taskDetail = task.extend({
  subtasks: z.array(task),
  /** Tasks this one waits for. */
  dependencies: z.array(taskRef),
  /** Tasks that wait for this one. */
  dependents: z.array(taskRef),
  /** True when todo and every dependency is completed. */
  ready: z.boolean(),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const taskCreateInput = z.object({
  projectId,
  title,
  description: description.default(''),
  /** Defaults to the parent's priority for a subtask, else medium. */
  priority: taskPriority.optional(),
  parentId: taskId.optional(),
  dependsOn: z.array(taskId).max(100).default([]),
  worktree: z.boolean().default(false),
  ...mutationMeta,
});

export const taskIdInput = z.object({ id: taskId });
export const taskMutateInput = z.object({ id: taskId, ...mutationMeta });

export const taskListInput = z.object({
  projectId,
  status: z.array(taskStatus).min(1).optional(),
  priority: z.array(taskPriority).min(1).optional(),
  /** A task id for its children, or `null` for top-level tasks only. */
  parentId: taskId.nullable().optional(),
  assignee: claimant.optional(),
  /** Case-insensitive match on title and description. */
  text: text().trim().min(1).max(LIMITS.title).optional(),
  /** Only todo tasks whose dependencies are all completed. */
  ready: z.boolean().optional(),
  ...pageInput,
});
/** One page; with a cursor the board pages on, and subscribes from the first page's `asOfEventId`. */
export const taskListOutput = pageOf(task).extend({ asOfEventId });

export const taskUpdateInput = z.object({
  id: taskId,
  title: title.optional(),
  description: description.optional(),
  priority: taskPriority.optional(),
  status: taskStatus.optional(),
  worktree: z.boolean().optional(),
  /** Refused with VERSION_CONFLICT when the task has changed since this version. */
  expectedVersion: int32().nonnegative().optional(),
  ...mutationMeta,
});

export const taskBlockInput = z.object({
  id: taskId,
  reason: text().trim().min(1, 'a reason is required').max(LIMITS.reason),
  ...mutationMeta,
});

export const taskCommentInput = z.object({
  id: taskId,
  body: text().trim().min(1, 'must not be empty').max(LIMITS.comment),
  ...mutationMeta,
});

/** What `task.comment` returns, and the payload of its `task:commented` event. */
export const taskCommentOutput = z.object({ taskId, body: z.string() });
export type TaskCommentOutput = z.infer<typeof taskCommentOutput>;

export const taskDeleteInput = z.object({
  id: taskId,
  /** Without it a task that has subtasks is refused. */
  cascade: z.boolean().default(false),
  ...mutationMeta,
});
export const taskDeleteOutput = z.object({ deletedIds: z.array(taskId) });

export const taskClaimInput = z.object({
  projectId,
  /** A given task; without it the next ready task by priority. */
  id: taskId.optional(),
  claimant,
  ...mutationMeta,
});

export const taskDependencyInput = z.object({ id: taskId, dependsOnId: taskId, ...mutationMeta });
export const taskDependencyOutput = z.object({ taskId, dependsOnId: taskId });

export const taskTreeInput = z.object({
  projectId,
  /** The subtree under this task; without it the whole project. */
  rootId: taskId.optional(),
  limit: pageInput.limit,
  /** The previous page's `nextCursor` (the last task id it held): tasks are paged in id order, which never changes. */
  cursor: taskId.optional(),
});

export type TaskTreeNode = Task & { children: TaskTreeNode[] };
export const taskTreeNode: z.ZodType<TaskTreeNode> = task.extend({
  get children() {
    return z.array(taskTreeNode);
  },
});
/** What `maestro task tree --json` prints: every page put together by `assembleTaskTree`. */
export const taskTreeNodes = z.array(taskTreeNode);
/**
 * One page of the tree's tasks, flat and in id order (each carries its
 * `parentId`); page on with `nextCursor` until it is null, then nest them
 * with `assembleTaskTree`. `total` counts the whole tree.
 */
export const taskTreeOutput = pageOf(task);

const siblingOrder = (a: Task, b: Task) => a.position - b.position || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * Nests tasks under their parents, siblings in board order (position, then
 * age). A task whose parent is not among them is a root: the project's
 * top-level tasks, or the subtree's root.
 */
export function assembleTaskTree(tasks: readonly Task[]): TaskTreeNode[] {
  const nodes = new Map<string, TaskTreeNode>(tasks.map((t) => [t.id, { ...t, children: [] }]));
  const roots: TaskTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  for (const node of nodes.values()) node.children.sort(siblingOrder);
  return roots.sort(siblingOrder);
}
