'use client';
import { isEndedSessionStatus, type Session } from '@maestro/schemas';
import { useEffect } from 'react';
import { useTRPCClient } from '@/trpc/react';

/**
 * Opening a session is looking at it: stored on the server, so every device
 * agrees and an ended session leaves the inbox. Again when it ends while open
 * (it was seen ending).
 */
export function useMarkSeen(session: Session | undefined): void {
  const client = useTRPCClient();
  const id = session?.id;
  const ended = session ? isEndedSessionStatus(session.status) : false;
  useEffect(() => {
    if (!id) return;
    // Best effort: a failed mark only leaves the item in the inbox.
    client.session.markSeen.mutate({ id }).catch(() => undefined);
  }, [client, id, ended]);
}
