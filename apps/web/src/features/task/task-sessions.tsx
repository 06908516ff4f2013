'use client';
import type { Session } from '@maestro/schemas';
import { Plus } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { TimeAgo } from '@/components/ui/time-ago';
import { SESSION_STATUS_TONE } from '@/lib/status';
import { useSessionActivity } from '../live/use-project-live';
import { useSpawnDialog } from '../spawn/spawn-dialog';

/** The moment that best says "how long ago" for a session in its state. */
function since(s: Session): string {
  return s.endedAt ?? s.startedAt ?? s.createdAt;
}

/** Sessions working (or that worked) on this task, newest first, with live status; and the way to start one. */
export function TaskSessions({ projectId, taskId, sessions }: { projectId: string; taskId: string; sessions: ReadonlyMap<string, Session> }) {
  const spawn = useSpawnDialog();
  const activity = useSessionActivity(projectId);
  const mine = useMemo(
    () => [...sessions.values()].filter((s) => s.taskIds.includes(taskId)).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [sessions, taskId],
  );
  return (
    <section aria-labelledby="sessions-heading" className="space-y-1">
      <div className="flex h-6 items-center justify-between">
        <h3 id="sessions-heading" className="text-[12px] font-semibold tracking-wide text-muted uppercase">
          Sessions
        </h3>
        <Button size="sm" variant="ghost" onClick={() => spawn.open([taskId])} data-testid="spawn-worker" className="-mr-2">
          <Plus size={13} aria-hidden /> Spawn worker
        </Button>
      </div>
      {mine.length === 0 ? (
        <p className="text-[12px] text-muted">No agent has worked on this task yet.</p>
      ) : (
        <ul className="-mx-1">
          {mine.map((s) => {
            const lastOutput = activity.bySession.get(s.id)?.at;
            return (
              <li key={s.id} data-testid="task-session" data-status={s.status}>
                <Link href={`/p/${projectId}/sessions/${s.id}`} className="flex h-7 items-center gap-2 rounded-md px-1 text-[13px] hover:bg-panel">
                  <span
                    aria-hidden
                    className={`size-2 shrink-0 rounded-full ${SESSION_STATUS_TONE[s.status]} ${s.status === 'active' ? 'animate-pulse' : ''}`}
                  />
                  <span className="min-w-0 flex-1 truncate font-medium">{s.name}</span>
                  <span className="shrink-0 text-[11px] text-muted">
                    {s.status}
                    {' · '}
                    {lastOutput && s.status === 'active' ? (
                      <>
                        output <TimeAgo at={lastOutput} />
                      </>
                    ) : (
                      <TimeAgo at={since(s)} />
                    )}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
