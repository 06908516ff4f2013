'use client';
import { useQuery } from '@tanstack/react-query';
import { ChevronLeft, ChevronRight, Maximize2, X } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Kbd } from '@/components/ui/kbd';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';
import { useProjectSessions } from '../live/use-project-live';
import { DependencyList } from './dependency-list';
import { DescriptionField } from './description-field';
import { SubtaskList } from './subtask-list';
import { TaskProperties } from './task-properties';
import { TaskSessions } from './task-sessions';
import { Timeline } from './timeline';
import { TitleField } from './title-field';
import { useSubtasks, useTaskIndex } from './use-task-data';
import { useTaskEditor } from './use-task-edit';
import { useNeighbourKeys, useNeighbours } from './use-neighbours';
import type { Session, Task } from '@maestro/schemas';

export interface TaskDetailProps {
  projectId: string;
  taskId: string;
  /** A side panel over the board, or a page of its own. */
  variant: 'panel' | 'page';
  /** Where a link to another task of the project goes (the panel keeps the board under it). */
  hrefFor: (taskId: string) => string;
  /** Shows another task here (`[` / `]`). */
  onNavigate: (taskId: string) => void;
  onClose?: () => void;
}

const EMPTY_SESSIONS: ReadonlyMap<string, Session> = new Map();

function IconLink({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  return (
    <Link href={href} aria-label={label} title={label} className="flex size-7 items-center justify-center rounded-md text-muted hover:bg-raised hover:text-fg">
      {children}
    </Link>
  );
}

function Toolbar({ task, props, prev, next }: { task: Task | undefined; props: TaskDetailProps; prev: Task | null; next: Task | null }) {
  const { projectId, variant, hrefFor, onClose } = props;
  const nav = (target: Task | null, label: string, key: string, icon: ReactNode) =>
    target ? (
      <IconLink href={hrefFor(target.id)} label={`${label}: ${target.title} (${key})`}>
        {icon}
      </IconLink>
    ) : (
      <span aria-hidden className="flex size-7 items-center justify-center text-border">
        {icon}
      </span>
    );
  return (
    <div className="flex h-10 shrink-0 items-center gap-1 border-b border-border px-2 text-[13px]">
      {variant === 'page' ? (
        <Link href={`/p/${projectId}`} className="rounded-md px-2 py-1 text-muted hover:bg-raised hover:text-fg">
          ← Board
        </Link>
      ) : null}
      <span className="truncate font-mono text-[12px] text-muted">{task?.id}</span>
      <div className="ml-auto flex items-center gap-0.5">
        {nav(prev, 'Previous task in this column', '[', <ChevronLeft size={15} aria-hidden />)}
        {nav(next, 'Next task in this column', ']', <ChevronRight size={15} aria-hidden />)}
        <span className="mx-1 hidden text-[11px] text-muted @md:inline">
          <Kbd>[</Kbd> <Kbd>]</Kbd>
        </span>
        {variant === 'panel' && task && (
          <IconLink href={`/p/${projectId}/t/${task.id}`} label="Open as a full page">
            <Maximize2 size={14} aria-hidden />
          </IconLink>
        )}
        {onClose && (
          <button
            type="button"
            onClick={onClose}
            aria-label="Close task"
            title="Close (Esc)"
            className="flex size-7 items-center justify-center rounded-md text-muted hover:bg-raised hover:text-fg"
          >
            <X size={15} aria-hidden />
          </button>
        )}
      </div>
    </div>
  );
}

function Body({
  task,
  props,
  byId,
  sessions,
}: {
  task: Task;
  props: TaskDetailProps;
  byId: ReadonlyMap<string, Task>;
  sessions: ReadonlyMap<string, Session>;
}) {
  const trpc = useTRPC();
  const editor = useTaskEditor(task);
  const subtasks = useSubtasks(props.projectId, task.id);
  const detail = useQuery(trpc.task.get.queryOptions({ id: task.id }));
  const dependencies = detail.data?.dependencies ?? [];
  const ready = task.status === 'todo' && dependencies.every((d) => (byId.get(d.id)?.status ?? d.status) === 'completed');
  const parent = task.parentId ? byId.get(task.parentId) : undefined;
  const wide = props.variant === 'page';
  return (
    <div className={`space-y-4 p-4 ${wide ? 'mx-auto max-w-6xl px-6' : ''}`}>
      <div className="space-y-1">
        {parent && (
          <p className="text-[12px] text-muted">
            Subtask of{' '}
            <Link href={props.hrefFor(parent.id)} className="text-accent hover:underline">
              {parent.title}
            </Link>
          </p>
        )}
        <TitleField task={task} editor={editor} />
      </div>
      <div className={`grid gap-6 ${wide ? '@3xl:grid-cols-[minmax(0,1fr)_280px]' : ''}`}>
        <aside aria-label="Properties" className={`space-y-5 ${wide ? '@3xl:col-start-2 @3xl:row-start-1' : ''}`}>
          <TaskProperties task={task} editor={editor} ready={ready} sessions={sessions} />
          <TaskSessions projectId={props.projectId} taskId={task.id} sessions={sessions} />
        </aside>
        <div className={`min-w-0 space-y-6 ${wide ? '@3xl:col-start-1 @3xl:row-start-1' : ''}`}>
          <DescriptionField task={task} editor={editor} />
          <SubtaskList parent={task} subtasks={subtasks} hrefFor={props.hrefFor} />
          {detail.error ? (
            <p role="alert" className="text-[13px] text-danger">
              Could not load dependencies: {describeError(detail.error)}
            </p>
          ) : (
            <DependencyList task={task} dependencies={dependencies} dependents={detail.data?.dependents ?? []} byId={byId} hrefFor={props.hrefFor} />
          )}
          <Timeline task={task} byId={byId} sessions={sessions} />
        </div>
      </div>
    </div>
  );
}

/**
 * Everything about one task, live: title, status, priority, description,
 * subtasks, dependencies, timeline, sessions. The board shows it as a side
 * panel; /p/[projectId]/t/[taskId] as a page. Task data comes from the
 * project's live store, so every change anywhere shows here at once.
 */
export function TaskDetail(props: TaskDetailProps) {
  const { projectId, taskId, onNavigate, onClose } = props;
  const byId = useTaskIndex(projectId);
  const sessions = useProjectSessions(projectId).data?.byId ?? EMPTY_SESSIONS;
  const task = byId.get(taskId);
  const { prev, next } = useNeighbours(task, byId);
  useNeighbourKeys(prev, next, onNavigate);
  return (
    <article
      aria-label={task ? `Task: ${task.title}` : 'Task'}
      data-testid="task-detail"
      data-task-id={taskId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose && !e.defaultPrevented && !(e.target as HTMLElement).closest('dialog')) onClose();
      }}
      className="@container flex h-full min-h-0 flex-col bg-bg"
    >
      <Toolbar task={task} props={props} prev={prev} next={next} />
      <div className="min-h-0 flex-1 overflow-auto">
        {task ? (
          <Body key={task.id} task={task} props={props} byId={byId} sessions={sessions} />
        ) : (
          <EmptyState title="This task does not exist">
            It may have been deleted.{' '}
            <Link href={`/p/${projectId}`} className="text-accent hover:underline">
              Back to the board
            </Link>
          </EmptyState>
        )}
      </div>
    </article>
  );
}
