'use client';
import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { useOfflineQueue } from '../offline/context';
import { useConnectionStore, useMaestroClient } from './context';
import type { ConnectionState } from './store';

const TOAST_ID = 'maestro-connection';

/**
 * A toast when the connection drops, when the client gives up (with Retry) and
 * when it is back. One toast id, so each replaces the last instead of piling up.
 * The first connect of the page says nothing.
 */
export function ConnectionToasts(): null {
  const connection = useConnectionStore();
  const client = useMaestroClient();
  const queue = useOfflineQueue();
  const lost = useRef(false);
  const previous = useRef<ConnectionState>(connection.get());

  useEffect(() => {
    const onChange = () => {
      const state = connection.get();
      const before = previous.current;
      previous.current = state;
      if (state === before) return;
      if (state === 'reconnecting' && !lost.current) {
        lost.current = true;
        toast.warning('Connection lost', {
          id: TOAST_ID,
          testId: 'toast-connection-lost',
          description: 'Reconnecting… Changes you make meanwhile are kept and sent when it is back.',
          duration: 8_000,
        });
      } else if (state === 'disconnected') {
        lost.current = true;
        toast.error('Disconnected', {
          id: TOAST_ID,
          testId: 'toast-connection-disconnected',
          description: 'Stopped trying to reach the server. Is it running?',
          duration: Infinity,
          action: { label: 'Retry', onClick: () => client.reconnect() },
        });
      } else if (state === 'connected' && lost.current) {
        lost.current = false;
        const waiting = queue.snapshot().pending.length;
        toast.success('Reconnected', {
          id: TOAST_ID,
          testId: 'toast-connection-restored',
          description: waiting > 0 ? `Sending ${waiting} waiting change${waiting === 1 ? '' : 's'}…` : 'Live again: missed changes are being caught up.',
          duration: 4_000,
        });
      }
    };
    return connection.subscribe(onChange);
  }, [connection, client, queue]);
  return null;
}
