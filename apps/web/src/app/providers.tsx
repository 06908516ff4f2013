'use client';
import { createMaestroClient, type MaestroClient } from '@maestro/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { toast, Toaster } from 'sonner';
import { ConnectionToasts } from '@/features/connection/connection-toasts';
import { ConnectionContext, MaestroClientContext } from '@/features/connection/context';
import { createConnectionStore, type ConnectionStore } from '@/features/connection/store';
import { OfflineQueueContext } from '@/features/offline/context';
import { offlinePanel } from '@/features/offline/panel-store';
import { OfflineQueue } from '@/features/offline/queue';
import { startReplayDriver } from '@/features/offline/replay-driver';
import { TRPCProvider } from '@/trpc/react';

/** About a minute of jittered backoff (capped at 10 s a try) before the dashboard stops trying on its own and offers Retry. */
const MAX_RECONNECT_ATTEMPTS = 12;
/** Diagnostics (and the browser tests) may lower the cap: `localStorage['maestro.maxReconnectAttempts'] = '3'`. */
const MAX_ATTEMPTS_KEY = 'maestro.maxReconnectAttempts';

function maxReconnectAttempts(): number {
  const raw = Number(window.localStorage.getItem(MAX_ATTEMPTS_KEY));
  return Number.isInteger(raw) && raw > 0 ? raw : MAX_RECONNECT_ATTEMPTS;
}

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
    maxReconnectAttempts: maxReconnectAttempts(),
    onConnectionState: (state) => connection.set(state),
  });
  return { queryClient: createQueryClient(), client, connection, queue: new OfflineQueue(window.localStorage) };
}

/** Replays the offline queue whenever the connection is up and something waits; a refusal is shown, never dropped. */
function useReplay({ client, connection, queue }: Resources): void {
  useEffect(
    () =>
      startReplayDriver({
        client: client.trpc,
        connection,
        queue,
        onStalled: offlinePanel.setStalled,
        onRefused: (refused) =>
          toast.error(`Not applied: ${refused.label}`, {
            testId: 'toast-change-refused',
            description: refused.hint ? `${refused.message} — ${refused.hint}` : refused.message,
            duration: Infinity,
            action: { label: 'Review', onClick: () => offlinePanel.open() },
          }),
      }),
    [client, connection, queue],
  );
}

/** Client-side resources for every dashboard page: one Maestro client, one query cache, one offline queue. */
export function Providers({ children }: { children: ReactNode }) {
  const [resources] = useState(createResources);
  useEffect(() => () => resources.client.close(), [resources]);
  useReplay(resources);
  return (
    <QueryClientProvider client={resources.queryClient}>
      <TRPCProvider trpcClient={resources.client.trpc} queryClient={resources.queryClient}>
        <MaestroClientContext.Provider value={resources.client}>
          <ConnectionContext.Provider value={resources.connection}>
            <OfflineQueueContext.Provider value={resources.queue}>
              {children}
              <ConnectionToasts />
              <Toaster position="bottom-right" theme="system" richColors closeButton />
            </OfflineQueueContext.Provider>
          </ConnectionContext.Provider>
        </MaestroClientContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
