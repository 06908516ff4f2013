'use client';
import { useOfflineState } from '../offline/context';
import { useConnectionState } from './context';

const LABELS = { idle: 'connecting', connecting: 'connecting', connected: 'connected', reconnecting: 'reconnecting', disconnected: 'disconnected' } as const;
const DOT = { idle: 'bg-warn', connecting: 'bg-warn', connected: 'bg-ok', reconnecting: 'bg-warn animate-pulse', disconnected: 'bg-danger' } as const;

/** The WebSocket's state and how many changes wait to be sent; `data-state` for tests. */
export function ConnectionStatus() {
  const state = useConnectionState();
  const { pending } = useOfflineState();
  return (
    <div role="status" aria-live="polite" data-testid="connection-status" data-state={state} data-pending={pending.length} className="flex items-center gap-2 text-muted">
      <span aria-hidden className={`size-2 rounded-full ${DOT[state]}`} />
      <span>{LABELS[state]}</span>
      {pending.length > 0 && <span className="rounded bg-raised px-1.5 text-fg">{pending.length} pending</span>}
    </div>
  );
}
