'use client';
import type { ReactNode } from 'react';
import { InboxWatch } from '../inbox/inbox-watch';
import { CommandPalette } from '../palette/command-palette';
import { AppHeader } from './app-header';
import { usePageTitle } from './use-page-title';

/** The frame of every signed-in page: header on top, the page below filling the rest, the palette over it all. */
export function AppShell({ children }: { children: ReactNode }) {
  usePageTitle();
  return (
    <div className="flex h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-raised focus:px-3 focus:py-1.5"
      >
        Skip to content
      </a>
      <AppHeader />
      <main id="main" tabIndex={-1} className="min-h-0 flex-1 overflow-hidden outline-none">
        {children}
      </main>
      <CommandPalette />
      <InboxWatch />
    </div>
  );
}
