'use client';
import { isLiveSessionStatus } from '@maestro/schemas';
import Link from 'next/link';
import { useMemo } from 'react';
import { TimeAgo } from '@/components/ui/time-ago';
import { SESSION_STATUS_TONE } from '@/lib/status';
import { useProjectSessions, useSessionActivity } from '../live/use-project-live';
import { links } from '../shell/links';
import { ROW, Section } from './section';

/** Sessions that are spawning or running, from the project's live session store, with when each last printed. */
export function ActiveSessions({ projectId, count }: { projectId: string; count: number }) {
  const { data } = useProjectSessions(projectId);
  const activity = useSessionActivity(projectId);
  const sessions = useMemo(
    () => [...(data?.byId.values() ?? [])].filter((s) => isLiveSessionStatus(s.status)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)),
    [data],
  );
  return (
    <Section
      id="sessions"
      title="Active sessions"
      count={Math.max(count, sessions.length)}
      empty={
        <>
          No agent is running. Spawn one from a task or with Ctrl K; a runner must be connected (<code className="font-mono">maestro runner</code>).
        </>
      }
    >
      <ul className="divide-y divide-border overflow-auto">
        {sessions.map((s) => {
          const lastOutput = activity.bySession.get(s.id)?.at;
          return (
            <li key={s.id}>
              <Link href={links.session(projectId, s.id)} data-testid="overview-session-item" data-session-id={s.id} data-status={s.status} className={ROW}>
                <span aria-hidden className={`size-2 shrink-0 rounded-full ${SESSION_STATUS_TONE[s.status]}`} />
                {/* In a narrow column the details give way first: the name and when it last printed stay. */}
                <span className="max-w-[50%] min-w-16 shrink-0 truncate font-medium">{s.name}</span>
                <span className="min-w-0 truncate text-[12px] text-muted" title={`${s.status} · ${s.agent} · ${s.role}`}>
                  {s.status} · {s.agent} · {s.role}
                </span>
                <span className="ml-auto shrink-0 text-[12px] whitespace-nowrap text-muted">
                  {lastOutput ? 'output ' : s.startedAt ? 'started ' : 'requested '}
                  <TimeAgo at={lastOutput ?? s.startedAt ?? s.createdAt} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
