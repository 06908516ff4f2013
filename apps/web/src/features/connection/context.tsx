'use client';
import type { MaestroClient } from '@maestro/client';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConnectionState, ConnectionStore } from './store';

export const ConnectionContext = createContext<ConnectionStore | null>(null);

function useConnectionStore(): ConnectionStore {
  const store = useContext(ConnectionContext);
  if (!store) throw new Error('useConnectionState needs <Providers>');
  return store;
}

/** The WebSocket's state, re-rendering when it changes. */
export function useConnectionState(): ConnectionState {
  const store = useConnectionStore();
  return useSyncExternalStore(store.subscribe, store.get, () => 'connecting');
}

export { useConnectionStore };

/** The Maestro client itself, for `reconnect()` (the Retry button) and `connectionState()`. */
export const MaestroClientContext = createContext<MaestroClient | null>(null);

export function useMaestroClient(): MaestroClient {
  const client = useContext(MaestroClientContext);
  if (!client) throw new Error('useMaestroClient needs <Providers>');
  return client;
}
