'use client';
import type { ReactNode } from 'react';
import { TerminalResourcesProvider } from '../terminal/terminal-resources';
import { OpenTabsProvider } from './open-tabs';
import { SessionTabs } from './session-tabs';

/** The frame of every sessions page: open tabs on top, terminals' shared resources (output cache, viewer id) below. */
export function SessionsSection({ projectId, children }: { projectId: string; children: ReactNode }) {
  return (
    <OpenTabsProvider projectId={projectId}>
      <TerminalResourcesProvider>
        <div className="flex h-full min-h-0 flex-col">
          <SessionTabs projectId={projectId} />
          <div className="min-h-0 flex-1">{children}</div>
        </div>
      </TerminalResourcesProvider>
    </OpenTabsProvider>
  );
}
