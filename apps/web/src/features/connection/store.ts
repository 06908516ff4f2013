import type { ConnectionState } from '@maestro/client';

export type { ConnectionState };

/** A tiny external store for `useSyncExternalStore`: the live WebSocket state, set by the client's callback. */
export interface ConnectionStore {
  get: () => ConnectionState;
  set: (state: ConnectionState) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createConnectionStore(initial: ConnectionState = 'connecting'): ConnectionStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
