'use client';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useSpawnDialog } from '../spawn/spawn-dialog';

type OpenSpawn = (taskIds?: string[]) => void;

/**
 * The palette lives in the shell, above the project's SpawnDialogProvider; this
 * bridge, rendered inside that provider, hands the palette its `open`. While no
 * project is open there is nothing to spawn into and the palette hides Spawn.
 */
let current: OpenSpawn | null = null;
const listeners = new Set<() => void>();

function set(next: OpenSpawn | null): void {
  current = next;
  for (const listener of listeners) listener();
}

export function useRegisteredSpawn(): OpenSpawn | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
    () => null,
  );
}

/** Render once inside `SpawnDialogProvider`. */
export function PaletteSpawnBridge(): null {
  const api = useSpawnDialog();
  const open = useCallback((taskIds?: string[]) => api.open(taskIds), [api]);
  useEffect(() => {
    set(open);
    return () => {
      if (current === open) set(null);
    };
  }, [open]);
  return null;
}
