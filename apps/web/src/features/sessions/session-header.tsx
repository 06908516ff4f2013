'use client';
import type { Session } from '@maestro/schemas';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AttentionChip } from '../inbox/attention-chip';
import { useProjectTasks } from '../live/use-project-live';
import { taskHref } from './links';
import { SessionStatusBadge } from './session-status';
import { useRunners } from './use-sessions';

/** Name, live status, what runs (agent, role, runner, where) and the tasks it works on; `actions` on the right. */
export function SessionHeader({ session, actions }: { session: Session; actions: ReactNode }) {
  const tasks = useProjectTasks(session.projectId).data?.byId;
  const runner = useRunners().byId.get(session.runnerId ?? '');
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-border bg-panel px-4 py-2">
      <h1 className="max-w-80 truncate text-[15px] font-semibold">{session.name}</h1>
      <SessionStatusBadge session={session} />
      <AttentionChip attention={session.attention} />
      <span className="flex min-w-0 items-center gap-1 text-[13px] text-muted">
        {session.agent === 'custom' ? (
          <code title={session.command ?? undefined} className="max-w-72 truncate font-mono text-[12px]">
            {session.command ?? 'custom'}
          </code>
        ) : (
          session.agent
        )}
        <span className="whitespace-nowrap">
          · {session.role}
          {runner && ` · on ${runner.name}`}
          {session.branch && ` · ${session.branch}`}
        </span>
      </span>
      {session.taskIds.length > 0 && (
        <span className="flex min-w-0 items-center gap-2 text-[13px]">
          <span className="text-muted">{session.taskIds.length === 1 ? 'Task' : 'Tasks'}</span>
          {session.taskIds.map((id) => (
            <Link key={id} href={taskHref(session.projectId, id)} className="max-w-64 truncate text-accent hover:underline" data-testid="session-task-link">
              {tasks?.get(id)?.title ?? id}
            </Link>
          ))}
        </span>
      )}
      <div className="ml-auto flex items-center gap-2">{actions}</div>
    </div>
  );
}
