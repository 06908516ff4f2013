'use client';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { SpawnForm } from './spawn-form';

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

/** Owns the project's spawn dialog so any screen (task detail, palette, sessions) can open it. */
export function SpawnDialogProvider({ projectId, children }: { projectId: string; children: ReactNode }) {
  // A new object per open(): the form starts over with the tasks it was opened with.
  const [request, setRequest] = useState<{ taskIds: string[] } | null>(null);
  const api = useMemo<SpawnDialogApi>(() => ({ open: (ids) => setRequest({ taskIds: ids ?? [] }) }), []);
  const close = () => setRequest(null);
  return (
    <SpawnDialogContext.Provider value={api}>
      {children}
      <Dialog open={request !== null} onClose={close} title="Spawn a session" className="max-w-xl">
        {request && <SpawnForm key={JSON.stringify(request)} projectId={projectId} initialTaskIds={request.taskIds} onDone={close} />}
      </Dialog>
    </SpawnDialogContext.Provider>
  );
}
