'use client';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '@/lib/errors';
import { PRIORITY_LABEL, PRIORITY_ORDER } from '@/lib/status';
import { useTRPC } from '@/trpc/react';
import { useProjects } from '../projects/use-projects';
import { ActiveSessions } from './active-sessions';
import { BlockedList } from './blocked-list';
import { NeedsInputList } from './needs-input-list';
import { ReadyList } from './ready-list';
import { StatusCounts } from './status-counts';

/**
 * The project at a glance: `status.get` (counts by status and priority, ready,
 * active sessions, blocked and why), every item a link. Live: the project's
 * event stream invalidates status.get on each change.
 */
export function OverviewPage({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { data: status, error, isPending } = useQuery(trpc.status.get.queryOptions({ projectId }));
  const project = useProjects().data?.items.find((p) => p.id === projectId);

  if (error) {
    return (
      <div role="alert" className="m-6 rounded-lg border border-danger p-4 text-danger">
        {describeError(error)}
      </div>
    );
  }
  return (
    <div className="h-full overflow-auto" data-testid="overview" data-as-of={status?.asOfEventId}>
      <div className="mx-auto max-w-6xl space-y-4 p-6">
        <div className="flex items-baseline gap-3">
          <h1 className="text-xl font-semibold">Overview</h1>
          {project && <span className="truncate text-muted">{project.name}</span>}
          {status && (
            <p className="ml-auto text-[13px] text-muted">
              {PRIORITY_ORDER.map((p) => `${status.byPriority[p]} ${PRIORITY_LABEL[p].toLowerCase()}`).join(' · ')}
            </p>
          )}
        </div>
        {isPending || !status ? (
          <p className="text-muted">Loading summary…</p>
        ) : (
          <>
            <StatusCounts projectId={projectId} status={status} />
            <NeedsInputList projectId={projectId} status={status} />
            <div className="grid gap-4 lg:grid-cols-3">
              <ReadyList projectId={projectId} count={status.ready} asOfEventId={status.asOfEventId} />
              <ActiveSessions projectId={projectId} count={status.activeSessions} />
              <BlockedList projectId={projectId} status={status} />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
