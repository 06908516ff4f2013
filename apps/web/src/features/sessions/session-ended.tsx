'use client';
import type { Session } from '@maestro/schemas';
import { CircleAlert } from 'lucide-react';

function exitDetail(session: Session): string | null {
  const parts = [];
  if (session.exitCode !== null) parts.push(`exit code ${session.exitCode}`);
  if (session.signal) parts.push(`signal ${session.signal}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/**
 * Why a session ended badly, shown in the terminal area itself (not a small
 * icon elsewhere): the runner's error (what failed and how to fix it) and the
 * exit code or signal.
 */
export function SessionFailure({ session }: { session: Session }) {
  if (session.status !== 'failed' && session.status !== 'lost') return null;
  const detail = exitDetail(session);
  const title = session.status === 'lost' ? 'Session lost: its runner stopped reporting' : session.startedAt ? 'Session failed' : 'Session could not start';
  return (
    <div role="alert" data-testid="session-error" className="flex gap-3 border-b border-danger/40 bg-danger/10 px-4 py-3 text-fg">
      <CircleAlert aria-hidden size={18} className="mt-0.5 shrink-0 text-danger" />
      <div className="min-w-0 space-y-1">
        <p className="font-semibold text-danger">
          {title}
          {detail && <span className="ml-2 font-normal text-muted">({detail})</span>}
        </p>
        {session.error && <p className="font-mono text-[13px] break-words whitespace-pre-wrap">{session.error}</p>}
      </div>
    </div>
  );
}

/** A quiet line under a replayed terminal: how it ended. */
export function SessionEndNote({ session }: { session: Session }) {
  if (session.status !== 'completed' && session.status !== 'stopped') return null;
  const detail = exitDetail(session);
  return (
    <p data-testid="session-end" className="border-t border-border bg-panel px-4 py-1.5 text-[12px] text-muted">
      {session.status === 'completed' ? 'Completed' : 'Stopped'}
      {detail && ` · ${detail}`} · replaying its stored output (read-only)
    </p>
  );
}
