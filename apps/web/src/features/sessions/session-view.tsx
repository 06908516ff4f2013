'use client';
import type { Session } from '@maestro/schemas';
import { Hand } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { describeError } from '@/lib/errors';
import { Terminal, type FeedInfo, type TerminalApi } from '../terminal/terminal';
import { useTerminalResources } from '../terminal/terminal-resources';
import { useMarkSeen } from '../inbox/use-mark-seen';
import { useOpenTabs } from './open-tabs';
import { SessionEndNote, SessionFailure } from './session-ended';
import { SessionHeader } from './session-header';
import { isLive } from './session-status';
import { StopButton } from './stop-button';
import { TerminalSearch } from './terminal-search';
import { useSession } from './use-sessions';
import { useSizeControl } from './use-size-control';

function StreamNotice({ info, onLoadAll }: { info: FeedInfo | null; onLoadAll: () => void }) {
  if (info?.error) {
    return (
      <p role="alert" className="border-b border-danger/40 bg-danger/10 px-4 py-1.5 text-[13px] text-danger">
        Output could not be loaded: {describeError(info.error)}
      </p>
    );
  }
  if (!info?.truncated) return null;
  return (
    <p className="flex items-center gap-3 border-b border-border bg-panel px-4 py-1.5 text-[13px] text-muted" data-testid="output-truncated">
      Showing the newest output.
      <Button size="sm" variant="ghost" onClick={onLoadAll}>
        Load the full output from the start
      </Button>
    </p>
  );
}

function SessionTerminal({ session }: { session: Session }) {
  const { viewerId } = useTerminalResources();
  const size = useSizeControl(session, viewerId);
  const api = useRef<TerminalApi | null>(null);
  const [info, setInfo] = useState<FeedInfo | null>(null);
  const live = isLive(session);
  const neverStarted = session.status === 'failed' && !session.startedAt;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <SessionHeader
        session={session}
        actions={
          <>
            <TerminalSearch api={api} />
            {size.fixedSize && (
              <Button size="sm" onClick={size.takeControl} data-testid="take-control" title="Another viewer sets this terminal's size">
                <Hand aria-hidden size={13} /> Take control
              </Button>
            )}
            {live && <StopButton session={session} />}
          </>
        }
      />
      <SessionFailure session={session} />
      <StreamNotice info={info} onLoadAll={() => api.current?.replayFromStart()} />
      {!neverStarted && (
        <div
          className="min-h-0 flex-1 bg-bg py-1 pl-2"
          data-testid="terminal-frame"
          data-size-control={size.fixedSize ? 'other' : size.controls ? 'this' : 'none'}
        >
          <Terminal
            sessionId={session.id}
            label={`Terminal of ${session.name}`}
            interactive={session.status === 'active'}
            controlsSize={size.controls}
            fixedSize={size.fixedSize}
            onFit={size.onFit}
            onInfo={(next) => setInfo((prev) => (prev && prev.error === next.error && prev.truncated === next.truncated ? prev : next))}
            onReady={(a) => (api.current = a)}
            autoFocus
          />
        </div>
      )}
      <SessionEndNote session={session} />
    </div>
  );
}

/** One session: header, live terminal (or its replay), why it failed; opened as a tab of the sessions section. */
export function SessionView({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  const { session, error } = useSession(projectId, sessionId);
  const { open } = useOpenTabs();
  useEffect(() => {
    open(sessionId);
  }, [open, sessionId]);
  useMarkSeen(session);
  if (error) {
    return (
      <EmptyState title="This session cannot be shown">
        <span role="alert">{describeError(error)}</span>
      </EmptyState>
    );
  }
  if (!session) return <p className="p-6 text-muted">Loading session…</p>;
  return <SessionTerminal key={session.id} session={session} />;
}
