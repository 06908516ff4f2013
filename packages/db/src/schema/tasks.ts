import { type AnyPgColumn, boolean, check, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, optionalTime, updatedAt } from './columns.js';
import { taskPriorityEnum, taskStatusEnum } from './enums.js';
import { projects } from './projects.js';

export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** A subtask is a task whose parent is set. NO ACTION (checked at statement end) lets a cascade delete a subtree in one statement. */
    parentId: text('parent_id').references((): AnyPgColumn => tasks.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: taskStatusEnum('status').notNull().default('todo'),
    priority: taskPriorityEnum('priority').notNull().default('medium'),
    position: integer('position').notNull().default(0),
    blockedReason: text('blocked_reason'),
    assignee: text('assignee'),
    /** Sessions spawned for this task run in their own git worktree. */
    worktree: boolean('worktree').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: optionalTime('started_at'),
    completedAt: optionalTime('completed_at'),
  },
  (t) => [
    index('tasks_project_status_idx').on(t.projectId, t.status),
    index('tasks_parent_idx').on(t.parentId, t.position),
    index('tasks_assignee_idx').on(t.assignee),
    // The ready queue in queue order (`queueOrder`): a claim walks it from the
    // front and stops at the first ready, unlocked row instead of sorting
    // every todo task of the project.
    index('tasks_todo_queue_idx')
      .on(t.projectId, t.priority.desc().nullsFirst(), t.position, t.createdAt, t.id)
      .where(sql`${t.status} = 'todo'`),
  ],
);

/** `taskId` is blocked by `dependsOnId`; both in one project, and the graph stays acyclic (checked in code). */
export const taskDependencies = pgTable(
  'task_dependencies',
  {
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    dependsOnId: text('depends_on_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.dependsOnId] }),
    index('task_dependencies_depends_on_idx').on(t.dependsOnId),
    check('task_dependencies_not_self', sql`${t.taskId} <> ${t.dependsOnId}`),
  ],
);
