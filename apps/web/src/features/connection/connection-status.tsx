'use client';
import { useEffect, useRef } from 'react';
import { useOfflineState } from '../offline/context';
import { OfflinePanel } from '../offline/offline-panel';
import { offlinePanel, useOfflinePanel } from '../offline/panel-store';
import { useConnectionState, useMaestroClient } from './context';

const LABELS = { idle: 'connecting', connecting: 'connecting', connected: 'connected', reconnecting: 'reconnecting', disconnected: 'disconnected' } as const;
const DOT = { idle: 'bg-warn', connecting: 'bg-warn', connected: 'bg-ok', reconnecting: 'bg-warn animate-pulse', disconnected: 'bg-danger' } as const;

/**
 * The WebSocket's state, how many changes wait to be sent and how many were
 * refused; opens the offline panel; a Retry button once the client has given up.
 * `data-state`, `data-pending` and `data-refused` are for tests.
 */
export function ConnectionStatus() {
  const state = useConnectionState();
  const client = useMaestroClient();
  const { pending, refused } = useOfflineState();
  const { open } = useOfflinePanel();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // A click outside closes the panel (it is not modal: the page stays usable).
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) offlinePanel.close();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    offlinePanel.close();
    button.current?.focus();
  };

  return (
    <div
      ref={wrapper}
      data-testid="connection-status"
      data-state={state}
      data-pending={pending.length}
      data-refused={refused.length}
      className="relative flex items-center gap-2"
    >
      <span role="status" className="sr-only">
        {`Connection ${LABELS[state]}${pending.length > 0 ? `, ${pending.length} changes waiting` : ''}`}
      </span>
      <button
        ref={button}
        type="button"
        data-testid="connection-badge"
        aria-expanded={open}
        aria-controls={open ? 'offline-panel' : undefined}
        onClick={() => offlinePanel.toggle()}
        className="flex h-7 items-center gap-2 rounded-md px-2 text-muted hover:bg-raised hover:text-fg"
      >
        <span aria-hidden className={`size-2 rounded-full ${DOT[state]}`} />
        <span className="sr-only">Connection: </span>
        <span>{LABELS[state]}</span>
        {pending.length > 0 && (
          <span data-testid="connection-pending" className="rounded bg-raised px-1.5 text-fg ring-1 ring-border">
            {pending.length} pending
          </span>
        )}
        {refused.length > 0 && (
          <span data-testid="connection-refused" className="rounded bg-danger px-1.5 text-white">
            {refused.length} not applied
          </span>
        )}
        <span className="sr-only">(show changes)</span>
      </button>
      {state === 'disconnected' && (
        <button
          type="button"
          data-testid="connection-retry"
          onClick={() => client.reconnect()}
          className="h-7 rounded-md border border-border bg-raised px-2 font-medium text-fg hover:bg-panel"
        >
          Retry
        </button>
      )}
      {open && <OfflinePanel onClose={close} />}
    </div>
  );
}
