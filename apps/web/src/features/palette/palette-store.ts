import { useSyncExternalStore } from 'react';

/** Whether the command palette is open: the header's hint button and Ctrl-K both drive it. */
let open = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (next === open) return;
  open = next;
  for (const listener of listeners) listener();
}

export const palette = {
  open: () => set(true),
  close: () => set(false),
  toggle: () => set(!open),
};

export function usePaletteOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => open,
    () => false,
  );
}
