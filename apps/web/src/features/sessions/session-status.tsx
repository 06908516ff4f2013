'use client';
import type { Session, SessionStatus } from '@maestro/schemas';
import { TimeAgo } from '@/components/ui/time-ago';
import { SESSION_STATUS_TONE } from '@/lib/status';

export const SESSION_STATUS_LABEL: Record<SessionStatus, string> = {
  spawning: 'Spawning',
  active: 'Active',
  completed: 'Completed',
  failed: 'Failed',
  stopped: 'Stopped',
  lost: 'Lost',
};

/** When the session entered its current status (what "how long ago" counts from). */
export function statusSince(session: Session): string {
  if (session.endedAt) return session.endedAt;
  if (session.status === 'active' && session.startedAt) return session.startedAt;
  return session.createdAt;
}

export function isLive(session: Pick<Session, 'status'>): boolean {
  return session.status === 'spawning' || session.status === 'active';
}

/** A session's lifecycle status with its age; `data-status` is what tests and styles key on. */
export function SessionStatusBadge({ session, withAge = true }: { session: Session; withAge?: boolean }) {
  const live = isLive(session);
  return (
    <span data-testid="session-status" data-status={session.status} className="inline-flex items-center gap-1.5 whitespace-nowrap text-[13px]">
      <span aria-hidden className={`relative inline-flex size-2 rounded-full ${SESSION_STATUS_TONE[session.status]}`}>
        {live && <span className={`absolute inset-0 animate-ping rounded-full opacity-60 ${SESSION_STATUS_TONE[session.status]}`} />}
      </span>
      <span className="font-medium">{SESSION_STATUS_LABEL[session.status]}</span>
      {withAge && <TimeAgo at={statusSince(session)} className="text-muted" />}
    </span>
  );
}
