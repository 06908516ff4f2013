'use client';
import type { Session } from '@maestro/schemas';
import Link from 'next/link';
import { useMemo } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Terminal } from '../terminal/terminal';
import { sessionHref } from './links';
import { useOpenTabs } from './open-tabs';
import { isLive, SessionStatusBadge } from './session-status';
import { useSessionList } from './use-sessions';

/** At most this many terminals live at once: each holds a scrollback and (with WebGL) a GPU context, and Chromium caps those at ~16 per page. */
export const GRID_MAX = 6;

const COLUMNS: Record<number, string> = { 1: 'grid-cols-1', 2: 'grid-cols-2', 3: 'grid-cols-3', 4: 'grid-cols-2', 5: 'grid-cols-3', 6: 'grid-cols-3' };

/** The sessions the grid shows: open tabs that are live, then the newest other live sessions. */
function pick(sessions: Session[], tabs: readonly string[]): Session[] {
  const live = sessions.filter(isLive);
  const byId = new Map(live.map((s) => [s.id, s]));
  const chosen = tabs.map((id) => byId.get(id)).filter((s): s is Session => s !== undefined);
  for (const s of live) if (!chosen.includes(s)) chosen.push(s);
  return chosen.slice(0, GRID_MAX);
}

function Cell({ projectId, session }: { projectId: string; session: Session }) {
  return (
    <section
      aria-label={session.name}
      data-testid="grid-cell"
      data-session-id={session.id}
      className="flex min-h-0 flex-col overflow-hidden rounded-md border border-border bg-bg"
    >
      <header className="flex items-center gap-2 border-b border-border bg-panel px-2 py-1">
        <Link href={sessionHref(projectId, session.id)} className="min-w-0 truncate text-[13px] font-medium hover:underline">
          {session.name}
        </Link>
        <span className="ml-auto">
          <SessionStatusBadge session={session} withAge={false} />
        </span>
      </header>
      <div className="min-h-0 flex-1 py-0.5 pl-1">
        <Terminal
          sessionId={session.id}
          label={`Terminal of ${session.name}`}
          interactive={session.status === 'active'}
          controlsSize={false}
          fixedSize={null}
          compact
        />
      </div>
    </section>
  );
}

/**
 * Up to six live terminals at once. A terminal that leaves the grid is disposed;
 * shown again, it is re-created from the cached tail and re-joins its stream
 * from the last chunk. Grid cells never resize a PTY (a small cell would reflow the agent's screen).
 */
export function SessionsGrid({ projectId }: { projectId: string }) {
  const sessions = useSessionList(projectId);
  const { ids } = useOpenTabs();
  const shown = useMemo(() => pick(sessions, ids), [sessions, ids]);
  if (shown.length === 0) {
    return (
      <EmptyState title="No running sessions">
        Live terminals show here, up to {GRID_MAX} at once. Spawn a worker from a task, or run <code className="font-mono">maestro session spawn</code>.
      </EmptyState>
    );
  }
  return (
    <div className={`grid h-full auto-rows-fr gap-2 p-2 ${COLUMNS[shown.length] ?? 'grid-cols-3'}`} data-testid="sessions-grid">
      {shown.map((s) => (
        <Cell key={s.id} projectId={projectId} session={s} />
      ))}
    </div>
  );
}
