import type { ReactNode } from 'react';

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="rounded border border-border bg-raised px-1 font-mono text-[11px] text-muted">{children}</kbd>;
}
