import type { Session, Task } from '@maestro/schemas';
import { Link2 } from 'lucide-react';
import type { DepInfo, Progress } from './model';
import { PriorityIcon } from './priority-icon';
import { SessionDot } from './session-dot';

export interface CardFacts {
  task: Task;
  progress: Progress | undefined;
  deps: DepInfo;
  session: Session | undefined;
  lastOutputAt: string | undefined;
}

/** What a card shows; shared by the card in its column and the one under the pointer while dragging. */
export function CardBody({ task, progress, deps, session, lastOutputAt }: CardFacts) {
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <>
      <div className="flex items-start gap-1.5">
        <span className="mt-[3px]">
          <PriorityIcon priority={task.priority} />
        </span>
        <span className="line-clamp-2 min-w-0 flex-1 leading-snug font-medium break-words" data-testid="card-title">
          {task.title}
        </span>
        {session && (
          <span className="mt-[5px]">
            <SessionDot session={session} lastOutputAt={lastOutputAt} />
          </span>
        )}
      </div>
      {task.status === 'blocked' && (
        <p
          className="mt-1.5 line-clamp-2 rounded bg-danger/10 px-1.5 py-0.5 text-[12px] break-words text-danger"
          title={task.blockedReason ?? 'Blocked'}
          data-testid="card-blocked"
        >
          Blocked{task.blockedReason ? `: ${task.blockedReason}` : ''}
        </p>
      )}
      <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-[12px] text-muted">
        <span className="font-mono text-[11px]">{task.id.slice(4, 10)}</span>
        {progress && progress.total > 0 && (
          <span className="inline-flex items-center gap-1" data-testid="card-progress" title={`${progress.done} of ${progress.total} subtasks done`}>
            <span className="tabular-nums">
              {progress.done}/{progress.total}
            </span>
            <span className="h-1 w-10 overflow-hidden rounded-full bg-border" aria-hidden>
              <span className="block h-full rounded-full bg-ok" style={{ width: `${pct}%` }} />
            </span>
          </span>
        )}
        {deps.total > 0 && (
          <span
            className={`inline-flex items-center gap-0.5 ${deps.open > 0 ? 'text-warn' : ''}`}
            data-testid="card-deps"
            title={`Depends on ${deps.total} task${deps.total === 1 ? '' : 's'}${deps.open > 0 ? `, ${deps.open} not completed` : ', all completed'}`}
          >
            <Link2 size={12} aria-hidden />
            <span className="tabular-nums">{deps.total}</span>
            <span className="sr-only">dependencies, {deps.open} open</span>
          </span>
        )}
        {deps.ready && (
          <span
            className="rounded border border-ok/40 px-1 text-[11px] font-medium text-ok"
            data-testid="card-ready"
            title="Todo, and every dependency is completed"
          >
            Ready
          </span>
        )}
        {task.assignee && (
          <span className="ml-auto max-w-28 truncate" title={`Assignee: ${task.assignee}`} data-testid="card-assignee">
            {/* A session that claimed the task is its assignee: people know it by its name. */}
            {session && session.id === task.assignee ? session.name : task.assignee}
          </span>
        )}
      </div>
    </>
  );
}
