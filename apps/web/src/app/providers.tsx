'use client';
import { createMaestroClient, type MaestroClient } from '@maestro/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { toast, Toaster } from 'sonner';
import { ConnectionContext, MaestroClientContext } from '@/features/connection/context';
import { createConnectionStore, type ConnectionStore } from '@/features/connection/store';
import { OfflineQueueContext } from '@/features/offline/context';
import { OfflineQueue } from '@/features/offline/queue';
import { replayQueue } from '@/features/offline/replay';
import { TRPCProvider } from '@/trpc/react';

/** About two minutes of backoff (capped at 15 s a try) before the dashboard stops trying on its own. */
const MAX_RECONNECT_ATTEMPTS = 12;

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Data stays fresh through the live event stream: no refetch on focus, no polling.
      queries: { staleTime: Infinity, gcTime: 5 * 60_000, refetchOnWindowFocus: false, refetchOnReconnect: false, retry: 1 },
      mutations: { retry: false },
    },
  });
}

interface Resources {
  queryClient: QueryClient;
  client: MaestroClient;
  connection: ConnectionStore;
  queue: OfflineQueue;
}

function createResources(): Resources {
  const connection = createConnectionStore();
  const client = createMaestroClient({
    url: window.location.origin,
    // Every dashboard page keeps a stream open: no point closing the socket between subscriptions.
    lazy: false,
    // Then `disconnected` with a Retry button instead of trying forever.
    maxReconnectAttempts: MAX_RECONNECT_ATTEMPTS,
    onConnectionState: (state) => connection.set(state),
  });
  return { queryClient: createQueryClient(), client, connection, queue: new OfflineQueue(window.localStorage) };
}

/** Replays the offline queue each time the connection comes back. */
function useReplayOnReconnect({ client, connection, queue }: Resources): void {
  useEffect(() => {
    let running = false;
    const drain = () => {
      if (running || connection.get() !== 'connected' || queue.snapshot().pending.length === 0) return;
      running = true;
      void replayQueue(client.trpc, queue, (refused) =>
        toast.error(`Not applied: ${refused.label}`, { description: refused.hint ? `${refused.message} — ${refused.hint}` : refused.message, duration: Infinity }),
      ).finally(() => {
        running = false;
        drain();
      });
    };
    drain();
    const stopConnection = connection.subscribe(drain);
    const stopQueue = queue.subscribe(drain);
    return () => {
      stopConnection();
      stopQueue();
    };
  }, [client, connection, queue]);
}

/** Client-side resources for every dashboard page: one Maestro client, one query cache, one offline queue. */
export function Providers({ children }: { children: ReactNode }) {
  const [resources] = useState(createResources);
  useEffect(() => () => resources.client.close(), [resources]);
  useReplayOnReconnect(resources);
  return (
    <QueryClientProvider client={resources.queryClient}>
      <TRPCProvider trpcClient={resources.client.trpc} queryClient={resources.queryClient}>
        <MaestroClientContext.Provider value={resources.client}>
        <ConnectionContext.Provider value={resources.connection}>
          <OfflineQueueContext.Provider value={resources.queue}>
            {children}
            <Toaster position="bottom-right" theme="system" richColors closeButton />
          </OfflineQueueContext.Provider>
        </ConnectionContext.Provider>
        </MaestroClientContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
