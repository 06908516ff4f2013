'use client';
import type { ReactNode } from 'react';
import { AppHeader } from './app-header';

/** The frame of every signed-in page: header on top, the page below filling the rest. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-dvh flex-col">
      <AppHeader />
      <main id="main" className="min-h-0 flex-1 overflow-hidden">
        {children}
      </main>
    </div>
  );
}
