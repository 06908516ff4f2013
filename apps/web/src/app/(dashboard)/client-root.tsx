'use client';
import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import { AppShell } from '@/features/shell/app-shell';

/** Everything below runs in the browser only: it needs the page's origin, localStorage and a WebSocket. */
const Providers = dynamic(() => import('../providers').then((m) => m.Providers), {
  ssr: false,
  loading: () => <div className="p-6 text-muted">Loading Maestro…</div>,
});

export function ClientRoot({ children }: { children: ReactNode }) {
  return (
    <Providers>
      <AppShell>{children}</AppShell>
    </Providers>
  );
}
