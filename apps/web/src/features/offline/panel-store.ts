import { useSyncExternalStore } from 'react';

/**
 * UI state of the offline panel (opened from the connection badge or from a
 * "not applied" toast) and why the last replay stopped, if it did. One per page.
 */
export interface PanelState {
  open: boolean;
  /** The last replay got no answer for this reason; null once a replay went through. */
  stalled: string | null;
}

let state: PanelState = { open: false, stalled: null };
const listeners = new Set<() => void>();

function set(next: Partial<PanelState>): void {
  const merged = { ...state, ...next };
  if (merged.open === state.open && merged.stalled === state.stalled) return;
  state = merged;
  for (const listener of listeners) listener();
}

export const offlinePanel = {
  get: (): PanelState => state,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  open: () => set({ open: true }),
  close: () => set({ open: false }),
  toggle: () => set({ open: !state.open }),
  setStalled: (stalled: string | null) => set({ stalled }),
};

export function useOfflinePanel(): PanelState {
  return useSyncExternalStore(offlinePanel.subscribe, offlinePanel.get, offlinePanel.get);
}
