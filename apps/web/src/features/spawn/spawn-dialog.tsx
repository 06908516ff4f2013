'use client';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

interface SpawnDialogApi {
  /** Opens the spawn dialog with these tasks chosen. */
  open(taskIds?: string[]): void;
}

const SpawnDialogContext = createContext<SpawnDialogApi | null>(null);

export function useSpawnDialog(): SpawnDialogApi {
  const api = useContext(SpawnDialogContext);
  if (!api) throw new Error('useSpawnDialog needs <SpawnDialogProvider>');
  return api;
}

/** Owns the project's spawn dialog so any screen (task detail, palette, sessions) can open it (placeholder). */
export function SpawnDialogProvider({ projectId, children }: { projectId: string; children: ReactNode }) {
  const [taskIds, setTaskIds] = useState<string[] | null>(null);
  const api = useMemo<SpawnDialogApi>(() => ({ open: (ids) => setTaskIds(ids ?? []) }), []);
  return (
    <SpawnDialogContext.Provider value={api}>
      {children}
      {taskIds && (
        <div role="dialog" aria-label="Spawn" data-project={projectId}>
          <button type="button" onClick={() => setTaskIds(null)}>
            Close
          </button>
        </div>
      )}
    </SpawnDialogContext.Provider>
  );
}
