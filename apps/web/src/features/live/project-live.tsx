'use client';
import type { ReactNode } from 'react';
import { describeError } from '@/lib/errors';
import { PaletteSpawnBridge } from '../palette/spawn-bridge';
import { SpawnDialogProvider } from '../spawn/spawn-dialog';
import { useProjectLive, useProjectTasks } from './use-project-live';

/** Keeps one project's data live while any of its pages is open; shows a load error where it happened. */
export function ProjectLive({ projectId, children }: { projectId: string; children: ReactNode }) {
  const { ready } = useProjectLive(projectId);
  const tasks = useProjectTasks(projectId);
  if (tasks.error) {
    return (
      <div role="alert" className="m-6 rounded-lg border border-danger p-4 text-danger">
        {describeError(tasks.error)}
      </div>
    );
  }
  if (!ready) return <p className="p-6 text-muted">Loading project…</p>;
  return (
    <SpawnDialogProvider projectId={projectId}>
      {/* Lets the shell's command palette open this project's spawn dialog. */}
      <PaletteSpawnBridge />
      {children}
    </SpawnDialogProvider>
  );
}
